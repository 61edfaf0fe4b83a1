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
                rows.computeIfAbsent(change.row(), r -> new long[1])[0]++;
            } else {
                long[] count = rows.get(change.row());
                if (count == null) {
                    continue;
                }
                if (--count[0] == 0) {
                    rows.remove(change.row());
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
        version++;
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
