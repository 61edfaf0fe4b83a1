package io.weir.connector.postgrescdc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders primary keys (decoded values, one per key column) the way the snapshot's SQL orders them:
 * numbers and times by value, strings by their UTF-8 bytes (the snapshot sorts text keys with
 * {@code COLLATE "C"}), bytes unsigned. Used to find which snapshot range a streamed change's key
 * falls in. Stateless and thread-safe.
 */
final class KeyOrder implements Comparator<Object[]> {
    static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    public int compare(Object[] left, Object[] right) {
        for (int i = 0; i < left.length; i++) {
            int c = compareValues(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            // primary key columns are NOT NULL in PostgreSQL; treat a missing value as the smallest
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof String a && right instanceof String b) {
            return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
        if (left instanceof byte[] a && right instanceof byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return a.compareTo(b);
        }
        return ((Comparable) left).compareTo(right);
    }
}
