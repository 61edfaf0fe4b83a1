package io.weir.executor.state;

import java.util.Map;

/**
 * The keyed state of one operator subtask. State is addressed by the current key: a key group
 * (0..127, as the exchange routed the row) and the key's bytes; each named state is a separate
 * table (a RocksDB column family). Operators register their states (with their codecs) before the
 * restore, set the current key per row, and close the backend when they close, whatever way the
 * task ends. Subtask thread only, except the upload of a snapshot, which the backend runs itself.
 */
public interface KeyedStateBackend extends AutoCloseable {
    /** The pseudo key group of a backend's snapshot handle (RocksDB: the files of the subtask's instance). */
    int HANDLE = -2;

    void setCurrentKey(int keyGroup, byte[] key);

    <V> ValueState<V> valueState(String name, StateCodec<V> codec);

    <K, V> MapState<K, V> mapState(String name, StateCodec<K> keys, StateCodec<V> values);

    <V> ListState<V> listState(String name, StateCodec<V> codec);

    EventTimers timers(String name);

    /** Processing-time timers, stored and cut by key group as event-time timers are. */
    ProcessingTimers processingTimers(String name);

    /** Snapshots every state at a checkpoint barrier. */
    StateSnapshot snapshot(long checkpointId);

    /**
     * Restores what {@link #snapshot} stored, as the runner hands it out: the key groups this
     * subtask owns and, for a RocksDB backend, every former subtask's handle under a key at or below
     * {@link #HANDLE} (from which it takes only the key groups it owns). Called once, before any key is set.
     */
    void restore(Map<Integer, byte[]> keyed);

    @Override
    void close();
}
