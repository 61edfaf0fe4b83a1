package io.weir.executor.state;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Keyed state as objects in hash maps on the heap ({@code 'state.backend.type' = 'hashmap'}): no
 * serialization while processing; a snapshot encodes every entry with its state's codec, one entry
 * per key group. Subtask thread only.
 */
public final class HeapStateBackend implements KeyedStateBackend {
    private static final StateCodec<HashMap<String, ArrayList<byte[][]>>> PART = StateCodec.java();

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private int keyGroup;
    private byte[] key;
    private StateKey current;

    /** One named state: how it stores, snapshots and restores its entries. */
    private abstract static class Table {
        /** Appends one record per stored key to its key group's list: the key, then encoded values. */
        abstract void snapshot(Map<Integer, ArrayList<byte[][]>> byGroup);

        abstract void restore(int keyGroup, byte[][] record);

        static ArrayList<byte[][]> part(Map<Integer, ArrayList<byte[][]>> byGroup, int keyGroup) {
            return byGroup.computeIfAbsent(keyGroup, g -> new ArrayList<>());
        }
    }

    @Override
    public void setCurrentKey(int newKeyGroup, byte[] newKey) {
        keyGroup = newKeyGroup;
        key = newKey;
        current = null;
    }

    private StateKey current() {
        if (current == null) {
            current = StateKey.of(keyGroup, key);
        }
        return current;
    }

    private <T extends Table> T register(String name, T table) {
        if (tables.putIfAbsent(name, table) != null) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: state '" + name + "' registered twice");
        }
        return table;
    }

    @Override
    public <V> ValueState<V> valueState(String name, StateCodec<V> codec) {
        final class Values extends Table implements ValueState<V> {
            final HashMap<StateKey, V> values = new HashMap<>();

            @Override
            public V value() {
                return values.get(current());
            }

            @Override
            public void update(V value) {
                values.put(current(), value);
            }

            @Override
            public void clear() {
                values.remove(current());
            }

            @Override
            void snapshot(Map<Integer, ArrayList<byte[][]>> byGroup) {
                values.forEach((k, v) -> part(byGroup, k.keyGroup()).add(new byte[][] {k.key(), codec.encode(v)}));
            }

            @Override
            void restore(int group, byte[][] record) {
                values.put(StateKey.of(group, record[0]), codec.decode(record[1]));
            }
        }
        return register(name, new Values());
    }

    @Override
    public <K, V> MapState<K, V> mapState(String name, StateCodec<K> keys, StateCodec<V> values) {
        final class Maps extends Table implements MapState<K, V> {
            // a key's entries iterate in insertion order, as the operators' own maps did before they used a backend
            final HashMap<StateKey, LinkedHashMap<K, V>> maps = new HashMap<>();
            /**
             * The current key's map (null: none), looked up once per key: an operator reads and then
             * writes the same key (a join's get and put of a row), and the lookup in a map of millions
             * of keys is a cache miss each time. {@code current()} keeps its object until the key changes.
             */
            private StateKey cachedKey;
            private LinkedHashMap<K, V> cachedMap;

            private LinkedHashMap<K, V> currentMap(boolean create) {
                StateKey key = current();
                if (key != cachedKey) {
                    cachedKey = key;
                    cachedMap = maps.get(key);
                }
                if (cachedMap == null && create) {
                    cachedMap = new LinkedHashMap<>();
                    maps.put(key, cachedMap);
                }
                return cachedMap;
            }

            @Override
            public V get(K mapKey) {
                LinkedHashMap<K, V> map = currentMap(false);
                return map == null ? null : map.get(mapKey);
            }

            @Override
            public void put(K mapKey, V value) {
                currentMap(true).put(mapKey, value);
            }

            @Override
            public void remove(K mapKey) {
                LinkedHashMap<K, V> map = currentMap(false);
                if (map != null && map.remove(mapKey) != null && map.isEmpty()) {
                    maps.remove(cachedKey);
                    cachedMap = null;
                }
            }

            @Override
            public Iterable<Map.Entry<K, V>> entries() {
                LinkedHashMap<K, V> map = currentMap(false);
                return map == null ? List.of() : new ArrayList<>(map.entrySet());
            }

            @Override
            void snapshot(Map<Integer, ArrayList<byte[][]>> byGroup) {
                maps.forEach((k, map) -> {
                    byte[][] record = new byte[1 + 2 * map.size()][];
                    record[0] = k.key();
                    int i = 1;
                    for (Map.Entry<K, V> entry : map.entrySet()) {
                        record[i++] = keys.encode(entry.getKey());
                        record[i++] = values.encode(entry.getValue());
                    }
                    part(byGroup, k.keyGroup()).add(record);
                });
            }

            @Override
            void restore(int group, byte[][] record) {
                cachedKey = null;
                LinkedHashMap<K, V> map = maps.computeIfAbsent(StateKey.of(group, record[0]), k -> new LinkedHashMap<>());
                for (int i = 1; i < record.length; i += 2) {
                    map.put(keys.decode(record[i]), values.decode(record[i + 1]));
                }
            }
        }
        return register(name, new Maps());
    }

    @Override
    public <V> ListState<V> listState(String name, StateCodec<V> codec) {
        final class Lists extends Table implements ListState<V> {
            final HashMap<StateKey, ArrayList<V>> lists = new HashMap<>();

            @Override
            public void add(V value) {
                lists.computeIfAbsent(current(), k -> new ArrayList<>()).add(value);
            }

            @Override
            public List<V> get() {
                ArrayList<V> list = lists.get(current());
                return list == null ? List.of() : new ArrayList<>(list);
            }

            @Override
            public void clear() {
                lists.remove(current());
            }

            @Override
            void snapshot(Map<Integer, ArrayList<byte[][]>> byGroup) {
                lists.forEach((k, list) -> {
                    byte[][] record = new byte[1 + list.size()][];
                    record[0] = k.key();
                    for (int i = 0; i < list.size(); i++) {
                        record[i + 1] = codec.encode(list.get(i));
                    }
                    part(byGroup, k.keyGroup()).add(record);
                });
            }

            @Override
            void restore(int group, byte[][] record) {
                ArrayList<V> list = lists.computeIfAbsent(StateKey.of(group, record[0]), k -> new ArrayList<>());
                for (int i = 1; i < record.length; i++) {
                    list.add(codec.decode(record[i]));
                }
            }
        }
        return register(name, new Lists());
    }

    /** A timer: when, and for which key. */
    private record Timer(long time, int keyGroup, byte[] key) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int c = Long.compare(time, other.time);
            if (c == 0) {
                c = Integer.compare(keyGroup, other.keyGroup);
            }
            return c != 0 ? c : Arrays.compareUnsigned(key, other.key);
        }
    }

    @Override
    public EventTimers timers(String name) {
        return register(name, new Timers());
    }

    @Override
    public ProcessingTimers processingTimers(String name) {
        return register(name, new Timers());
    }

    /** Timers of either time, ordered by time: a firing removes them from the set. */
    private final class Timers extends Table implements EventTimers, ProcessingTimers {
        final TreeSet<Timer> timers = new TreeSet<>();

        @Override
        public void register(long time) {
            timers.add(new Timer(time, keyGroup, key));
        }

        @Override
        public void fireUpTo(long time, Callback callback) {
            while (!timers.isEmpty() && timers.first().time() <= time) {
                Timer timer = timers.pollFirst();
                setCurrentKey(timer.keyGroup(), timer.key());
                callback.fire(timer.keyGroup(), timer.key(), timer.time());
            }
        }

        @Override
        void snapshot(Map<Integer, ArrayList<byte[][]>> byGroup) {
            for (Timer timer : timers) {
                part(byGroup, timer.keyGroup()).add(new byte[][] {timer.key(), StateCodec.LONG.encode(timer.time())});
            }
        }

        @Override
        void restore(int group, byte[][] record) {
            timers.add(new Timer(StateCodec.LONG.decode(record[1]), group, record[0]));
        }
    }

    @Override
    public StateSnapshot snapshot(long checkpointId) {
        Map<Integer, HashMap<String, ArrayList<byte[][]>>> parts = new HashMap<>();
        tables.forEach((name, table) -> {
            Map<Integer, ArrayList<byte[][]>> byGroup = new HashMap<>();
            table.snapshot(byGroup);
            byGroup.forEach((group, records) -> parts.computeIfAbsent(group, g -> new HashMap<>()).put(name, records));
        });
        Map<Integer, byte[]> entries = new HashMap<>();
        parts.forEach((group, part) -> entries.put(group, PART.encode(part)));
        return new StateSnapshot(entries, CompletableFuture.completedFuture(null));
    }

    @Override
    public void restore(Map<Integer, byte[]> keyed) {
        keyed.forEach((group, bytes) -> {
            if (group < 0) {
                throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot restore RocksDB state into the "
                        + "heap state backend; restore with 'state.backend.type' = 'rocksdb'");
            }
            PART.decode(bytes).forEach((name, records) -> {
                Table table = tables.get(name);
                if (table == null) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: restored state '" + name
                            + "' is not registered");
                }
                records.forEach(record -> table.restore(group, record));
            });
        });
    }

    @Override
    public void close() {
        tables.clear();
    }
}
