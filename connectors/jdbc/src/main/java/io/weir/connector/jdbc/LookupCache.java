package io.weir.connector.jdbc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Flink's partial lookup cache: the rows last looked up per key, at most {@code maxRows} keys (the
 * least recently used leaves first), each dropped once it is older than {@code expireAfterWrite} or
 * unused for {@code expireAfterAccess} (null: never). Not thread-safe: one per lookup subtask.
 */
final class LookupCache {
    private record Entry(List<Object[]> rows, long writtenAt, long accessedAt) {
    }

    private final long maxRows;
    private final long expireAfterWriteNanos;
    private final long expireAfterAccessNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<List<Object>, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long hits;
    private long misses;

    LookupCache(long maxRows, Duration expireAfterWrite, Duration expireAfterAccess, LongSupplier clock) {
        this.maxRows = maxRows;
        this.expireAfterWriteNanos = expireAfterWrite == null ? Long.MAX_VALUE : expireAfterWrite.toNanos();
        this.expireAfterAccessNanos = expireAfterAccess == null ? Long.MAX_VALUE : expireAfterAccess.toNanos();
        this.clock = clock;
    }

    /** The cached rows of {@code key} (an empty list: cached as missing), or null when not cached. */
    List<Object[]> get(List<Object> key) {
        Entry entry = entries.get(key);
        long now = clock.getAsLong();
        if (entry == null || now - entry.writtenAt() > expireAfterWriteNanos
                || now - entry.accessedAt() > expireAfterAccessNanos) {
            if (entry != null) {
                entries.remove(key);
            }
            misses++;
            return null;
        }
        hits++;
        entries.put(key, new Entry(entry.rows(), entry.writtenAt(), now));
        return entry.rows();
    }

    void put(List<Object> key, List<Object[]> rows) {
        long now = clock.getAsLong();
        entries.put(key, new Entry(List.copyOf(rows), now, now));
        while (entries.size() > maxRows) {
            var eldest = entries.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    int size() {
        return entries.size();
    }

    /** For logs: {@code hits/misses/size}. */
    Map<String, Long> stats() {
        return Map.of("hits", hits, "misses", misses, "size", (long) entries.size());
    }
}
