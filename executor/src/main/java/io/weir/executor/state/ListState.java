package io.weir.executor.state;

import java.util.List;

/** A list per key of the backend's current key. Subtask thread only. */
public interface ListState<V> {
    void add(V value);

    /** The current key's values in the order added (a copy); empty when none. */
    List<V> get();

    void clear();
}
