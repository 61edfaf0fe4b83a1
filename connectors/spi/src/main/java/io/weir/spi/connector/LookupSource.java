package io.weir.spi.connector;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds a table's rows by the values of some of its columns, for a lookup join
 * ({@code JOIN t FOR SYSTEM_TIME AS OF probe.proc_time ON probe.k = t.k}): the probe side streams,
 * the table is asked for the rows that match each probe row at the moment it is processed.
 *
 * <p>Created by {@link TableFactory#createLookupSource} once per subtask of the join, on that
 * subtask's thread, which then owns it: {@link #lookup} is called from that thread only, once per
 * input batch of the probe side, and {@link #close} exactly once at the end (also after a failure).
 * A source may cache rows (Flink's {@code lookup.cache} options); a cached answer may be stale by
 * up to the cache's expiry, which is what a processing-time lookup join promises.
 */
public interface LookupSource extends AutoCloseable {
    /**
     * The rows whose key columns equal each of {@code keys}. A key is the list of values of the key
     * columns (in the order they were given to {@link TableFactory#createLookupSource}), in the
     * Java value convention of {@code TypeKind}; no key holds a null (a null never matches). Returns,
     * for every key that matched, the matching rows with every column of the table's schema, in
     * schema order; a key without a match may be absent from the map or map to an empty list. May
     * block on I/O: the join waits for the answer.
     */
    Map<List<Object>, List<Object[]>> lookup(Collection<List<Object>> keys);

    /** Releases connections and caches; must not throw for a failed job. */
    @Override
    void close();
}
