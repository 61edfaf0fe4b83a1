package io.weir.executor.operator;

import io.weir.executor.plan.SortSpec.SortKey;
import java.util.Comparator;
import java.util.List;

/**
 * The order of rows within a rank partition: the order keys with their directions and NULL
 * placement, then every column ascending, so that rows with equal order keys still have one
 * deterministic order whatever order they arrived in. Values are hashable ({@code BYTES} as
 * ByteBuffers), as the rank operators keep them.
 */
final class RowOrder {
    private RowOrder() {
    }

    /** Order keys first, then every column, for a total order. */
    static Comparator<List<Object>> total(List<SortKey> keys) {
        return (a, b) -> {
            int result = byKeys(a, b, keys);
            for (int i = 0; result == 0 && i < a.size(); i++) {
                result = compare(a.get(i), b.get(i), new SortKey(i, false, true));
            }
            return result;
        };
    }

    /** Compares by the order keys only: 0 for rows that tie (share a RANK). */
    static int byKeys(List<Object> a, List<Object> b, List<SortKey> keys) {
        for (SortKey key : keys) {
            int result = compare(a.get(key.field()), b.get(key.field()), key);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object x, Object y, SortKey key) {
        if (x == null || y == null) {
            if (x == y) {
                return 0;
            }
            return (x == null) == key.nullsFirst() ? -1 : 1;
        }
        int result = ((Comparable) x).compareTo(y);
        return key.descending() ? -result : result;
    }
}
