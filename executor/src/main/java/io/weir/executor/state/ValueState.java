package io.weir.executor.state;

/** One value per key of the backend's current key. Subtask thread only. */
public interface ValueState<V> {
    /** The current key's value, or null. A heap backend returns the stored object itself. */
    V value();

    /** Stores {@code value} for the current key (also after changing the object {@link #value()} returned). */
    void update(V value);

    void clear();
}
