package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * Sorts its whole (bounded) input by {@code keys}, skips {@code offset} rows and emits at most
 * {@code fetch} (-1: all). With no keys it is a plain LIMIT: it passes rows through as they come
 * and, once {@code fetch} rows passed, ends its output early (the job then stops its sources), which
 * makes LIMIT work over unbounded input.
 */
public record SortSpec(List<SortKey> keys, long offset, long fetch) implements OperatorSpec {
    public SortSpec {
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
    }

    /** One ORDER BY item. */
    public record SortKey(int field, boolean descending, boolean nullsFirst) implements Serializable {
    }

    @Override
    public String describe() {
        return "Sort(keys=" + keys + ", offset=" + offset + ", fetch=" + fetch + ")";
    }
}
