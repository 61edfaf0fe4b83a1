package io.weir.executor.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current rows of one materialized view: a multiset (a row with its count), changed by the
 * changelog of the view's job (+I/+U add a row, -U/-D take one back) and read as a consistent
 * snapshot. Listeners (SUBSCRIBE) get each applied change in order. Thread-safe: writers and
 * readers synchronize on the store.
 */
public final class ViewStore {
    /** One change to the view: a row added ({@code insert}) or taken back. */
    public record Change(List<Object> row, boolean insert) {
    }

    private final String name;
    // @GuardedBy("this")
    private final Map<List<Object>, long[]> rows = new HashMap<>();
    // @GuardedBy("this")
    private long version;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    // indexes by column value, built on a column's first lookup and kept up to date from then on
    // @GuardedBy("this")
    private final Map<Integer, Map<Object, Map<List<Object>, long[]>>> indexes = new HashMap<>();

    ViewStore(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Applies changes in order; a retraction of a row the view does not have is ignored. */
    public synchronized void apply(List<Change> changes) {
        for (Change change : changes) {
            if (change.insert()) {
                long[] count = rows.computeIfAbsent(change.row(), r -> new long[1]);
                count[0]++;
                indexes.forEach((column, index) -> index.computeIfAbsent(change.row().get(column),
                        v -> new HashMap<>()).put(change.row(), count));
            } else {
                long[] count = rows.get(change.row());
                if (count == null) {
                    continue;
                }
                if (--count[0] == 0) {
                    rows.remove(change.row());
                    indexes.forEach((column, index) -> {
                        Map<List<Object>, long[]> matching = index.get(change.row().get(column));
                        if (matching != null) {
                            matching.remove(change.row());
                            if (matching.isEmpty()) {
                                index.remove(change.row().get(column));
                            }
                        }
                    });
                }
            }
            for (Consumer<Change> listener : listeners) {
                listener.accept(change);
            }
        }
        version++;
    }

    /** Empties the view (its job starts over). */
    public synchronized void clear() {
        rows.clear();
        indexes.clear();
        version++;
    }

    /** The rows whose column {@code column} equals {@code value} (repeated by their counts), through an index on the column. */
    public synchronized List<Object[]> lookup(int column, Object value) {
        Map<Object, Map<List<Object>, long[]>> index = indexes.get(column);
        if (index == null) {
            index = new HashMap<>();
            for (Map.Entry<List<Object>, long[]> entry : rows.entrySet()) {
                index.computeIfAbsent(entry.getKey().get(column), v -> new HashMap<>()).put(entry.getKey(), entry.getValue());
            }
            indexes.put(column, index);
        }
        List<Object[]> found = new ArrayList<>();
        index.getOrDefault(value, Map.of()).forEach((row, count) -> {
            for (long i = 0; i < count[0]; i++) {
                found.add(unwrap(row.toArray()));
            }
        });
        return found;
    }

    private static Object[] unwrap(Object[] values) {
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof java.nio.ByteBuffer bytes) {
                values[c] = bytes.array();
            }
        }
        return values;
    }

    /** Every row (repeated by its count), as of now. */
    public synchronized List<Object[]> snapshot() {
        List<Object[]> copy = new ArrayList<>(rows.size());
        rows.forEach((row, count) -> {
            Object[] values = row.toArray();
            for (int c = 0; c < values.length; c++) {
                if (values[c] instanceof java.nio.ByteBuffer bytes) {
                    values[c] = bytes.array();
                }
            }
            for (long i = 0; i < count[0]; i++) {
                copy.add(values.clone());
            }
        });
        return copy;
    }

    /**
     * Hands the current rows to {@code listener} as inserts, then every later change, with nothing
     * missed or doubled between the two; returns what stops the listening.
     */
    public synchronized Runnable subscribe(Consumer<Change> listener) {
        rows.forEach((row, count) -> {
            for (long i = 0; i < count[0]; i++) {
                listener.accept(new Change(row, true));
            }
        });
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public synchronized int size() {
        return rows.size();
    }
}
