package io.weir.executor.state;

import java.util.Map;

/** A map per key of the backend's current key. Subtask thread only. */
public interface MapState<K, V> {
    V get(K mapKey);

    void put(K mapKey, V value);

    void remove(K mapKey);

    /** The current key's entries (a copy: changing the state meanwhile is allowed). */
    Iterable<Map.Entry<K, V>> entries();
}
