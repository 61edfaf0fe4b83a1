package io.weir.executor.state;

import static java.util.Objects.requireNonNull;

import io.weir.executor.internal.KeyGroups;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Keyed state in an embedded RocksDB ({@code 'state.backend.type' = 'rocksdb'}): one instance per
 * operator subtask in its own folder under the worker's state directory, one column family per
 * state. Every RocksDB key starts with the 2-byte key group, then the key (map state: its length,
 * the key, then the map key; timers: the time, then the key), so a snapshot or restore can cut by
 * key group. Values are encoded with the state's codec on every write and decoded on every read.
 * The write-ahead log is off: checkpoints, not the log, make state durable. Snapshots are
 * incremental ({@link RocksDbSnapshots}). Subtask thread only; {@link #close} releases every native
 * handle and deletes the working folder.
 */
public final class RocksDbStateBackend implements KeyedStateBackend {
    private static final AtomicInteger OPEN = new AtomicInteger();

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final int firstKeyGroup;
    private final int lastKeyGroup;
    private final RocksDbSnapshots snapshots;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions familyOptions;
    private final WriteOptions writeOptions;
    private final Map<String, ColumnFamilyHandle> families = new HashMap<>();
    private final Set<String> registered = new LinkedHashSet<>();
    private RocksDB db;
    private ColumnFamilyHandle defaultFamily;
    private int keyGroup;
    private byte[] key = new byte[0];
    private byte[] valueKey;
    private byte[] mapPrefix;

    /** As {@link #RocksDbStateBackend(Path, CheckpointDirectory, int, int)} with a local checkpoint folder. */
    public RocksDbStateBackend(Path directory, Path checkpointDirectory, int subtask, int parallelism) {
        this(directory, CheckpointDirectory.local(checkpointDirectory), subtask, parallelism);
    }

    /**
     * Opens a fresh instance in {@code directory} (which must not exist) for subtask {@code subtask}
     * of {@code parallelism}; snapshots go to {@code checkpointDirectory} (the job's).
     */
    public RocksDbStateBackend(Path directory, CheckpointDirectory checkpointDirectory, int subtask, int parallelism) {
        this.directory = requireNonNull(directory, "directory is null");
        int first = -1;
        int last = -1;
        for (int g = 0; g < KeyGroups.MAX_PARALLELISM; g++) {
            if (KeyGroups.owns(subtask, parallelism, g)) {
                first = first < 0 ? g : first;
                last = g;
            }
        }
        this.firstKeyGroup = first;
        this.lastKeyGroup = last;
        this.dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2);
        this.familyOptions = new ColumnFamilyOptions();
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        this.snapshots = new RocksDbSnapshots(directory, checkpointDirectory);
        try {
            java.nio.file.Files.createDirectories(directory.getParent());
            open(directory, List.of());
        } catch (IOException | RuntimeException e) {
            close();
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot open RocksDB state in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** How many RocksDB instances of this JVM are open (tests check that every one is closed). */
    public static int openInstances() {
        return OPEN.get();
    }

    int firstKeyGroup() {
        return firstKeyGroup;
    }

    int lastKeyGroup() {
        return lastKeyGroup;
    }

    RocksDB db() {
        return db;
    }

    Map<String, ColumnFamilyHandle> families() {
        return families;
    }

    ColumnFamilyOptions familyOptions() {
        return familyOptions;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    Set<String> registered() {
        return registered;
    }

    /** Opens the instance in {@code path} with its families plus {@code more} and the registered ones. */
    void open(Path path, List<String> more) {
        Set<String> names = new LinkedHashSet<>(more);
        names.addAll(registered);
        names.remove("default");
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        for (String name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), familyOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            db = RocksDB.open(dbOptions, path.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot open RocksDB state in " + path + ": " + e.getMessage(), e);
        }
        OPEN.incrementAndGet();
        defaultFamily = handles.get(0);
        int i = 1;
        for (String name : names) {
            families.put(name, handles.get(i++));
        }
    }

    /** Closes the open instance's handles (not the options). */
    void closeDb() {
        families.values().forEach(ColumnFamilyHandle::close);
        families.clear();
        if (defaultFamily != null) {
            defaultFamily.close();
            defaultFamily = null;
        }
        if (db != null) {
            db.close();
            db = null;
            OPEN.decrementAndGet();
        }
    }

    private ColumnFamilyHandle family(String name) {
        if (!registered.add(name)) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: state '" + name + "' registered twice");
        }
        try {
            ColumnFamilyHandle handle = db.createColumnFamily(new ColumnFamilyDescriptor(
                    name.getBytes(StandardCharsets.UTF_8), familyOptions));
            families.put(name, handle);
            return handle;
        } catch (RocksDBException e) {
            throw failure("create state '" + name + "'", e);
        }
    }

    static WeirException failure(String what, RocksDBException e) {
        return new WeirException(ErrorCode.IO_ERROR, "RocksDB state backend could not " + what + ": " + e.getMessage(), e);
    }

    static byte[] groupPrefix(int keyGroup) {
        return new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup};
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void setCurrentKey(int newKeyGroup, byte[] newKey) {
        keyGroup = newKeyGroup;
        key = newKey;
        valueKey = null;
        mapPrefix = null;
    }

    /** [key group][key] */
    private byte[] valueKey() {
        if (valueKey == null) {
            valueKey = new byte[2 + key.length];
            valueKey[0] = (byte) (keyGroup >>> 8);
            valueKey[1] = (byte) keyGroup;
            System.arraycopy(key, 0, valueKey, 2, key.length);
        }
        return valueKey;
    }

    /** [key group][key length][key], followed by the map key in a map state's entries. */
    private byte[] mapPrefix() {
        if (mapPrefix == null) {
            mapPrefix = ByteBuffer.allocate(6 + key.length).putShort((short) keyGroup).putInt(key.length).put(key).array();
        }
        return mapPrefix;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private byte[] get(ColumnFamilyHandle family, byte[] k) {
        try {
            return db.get(family, k);
        } catch (RocksDBException e) {
            throw failure("read state", e);
        }
    }

    private void put(ColumnFamilyHandle family, byte[] k, byte[] v) {
        try {
            db.put(family, writeOptions, k, v);
        } catch (RocksDBException e) {
            throw failure("write state", e);
        }
    }

    private void delete(ColumnFamilyHandle family, byte[] k) {
        try {
            db.delete(family, writeOptions, k);
        } catch (RocksDBException e) {
            throw failure("delete state", e);
        }
    }

    @Override
    public <V> ValueState<V> valueState(String name, StateCodec<V> codec) {
        family(name);
        return new ValueState<>() {
            @Override
            public V value() {
                byte[] bytes = get(families.get(name), valueKey());
                return bytes == null ? null : codec.decode(bytes);
            }

            @Override
            public void update(V value) {
                put(families.get(name), valueKey(), codec.encode(value));
            }

            @Override
            public void clear() {
                delete(families.get(name), valueKey());
            }
        };
    }

    @Override
    public <K, V> MapState<K, V> mapState(String name, StateCodec<K> keys, StateCodec<V> values) {
        family(name);
        return new MapState<>() {
            @Override
            public V get(K mapKey) {
                byte[] bytes = RocksDbStateBackend.this.get(families.get(name), concat(mapPrefix(), keys.encode(mapKey)));
                return bytes == null ? null : values.decode(bytes);
            }

            @Override
            public void put(K mapKey, V value) {
                RocksDbStateBackend.this.put(families.get(name), concat(mapPrefix(), keys.encode(mapKey)), values.encode(value));
            }

            @Override
            public void remove(K mapKey) {
                delete(families.get(name), concat(mapPrefix(), keys.encode(mapKey)));
            }

            @Override
            public Iterable<Map.Entry<K, V>> entries() {
                byte[] prefix = mapPrefix();
                List<Map.Entry<K, V>> entries = new ArrayList<>();
                try (RocksIterator it = db.newIterator(families.get(name))) {
                    for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                        byte[] k = it.key();
                        entries.add(new AbstractMap.SimpleEntry<>(keys.decode(Arrays.copyOfRange(k, prefix.length, k.length)),
                                values.decode(it.value())));
                    }
                }
                return entries;
            }
        };
    }

    @Override
    public <V> ListState<V> listState(String name, StateCodec<V> codec) {
        family(name);
        return new ListState<>() {
            @Override
            public void add(V value) {
                byte[] before = RocksDbStateBackend.this.get(families.get(name), valueKey());
                byte[] item = codec.encode(value);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((before == null ? 0 : before.length) + 4 + item.length);
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    if (before != null) {
                        out.write(before);
                    }
                    out.writeInt(item.length);
                    out.write(item);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                put(families.get(name), valueKey(), bytes.toByteArray());
            }

            @Override
            public List<V> get() {
                byte[] stored = RocksDbStateBackend.this.get(families.get(name), valueKey());
                List<V> list = new ArrayList<>();
                if (stored != null) {
                    ByteBuffer buffer = ByteBuffer.wrap(stored);
                    while (buffer.hasRemaining()) {
                        byte[] item = new byte[buffer.getInt()];
                        buffer.get(item);
                        list.add(codec.decode(item));
                    }
                }
                return list;
            }

            @Override
            public void clear() {
                delete(families.get(name), valueKey());
            }
        };
    }

    @Override
    public EventTimers timers(String name) {
        family(name);
        return new Timers(name);
    }

    @Override
    public ProcessingTimers processingTimers(String name) {
        family(name);
        return new Timers(name);
    }

    /**
     * Timers of either time in one column family, keyed [key group][time][key] so that each key
     * group's timers iterate in time order. The earliest pending time is kept in memory, so a
     * {@link #fireUpTo} before it (most processing-time ticks) reads nothing.
     */
    private final class Timers implements EventTimers, ProcessingTimers {
        private final String name;
        // Long.MIN_VALUE: not known (before the first scan, as after a restore)
        private long earliest = Long.MIN_VALUE;

        Timers(String name) {
            this.name = name;
        }

        @Override
        public void register(long time) {
            byte[] timer = ByteBuffer.allocate(10 + key.length).putShort((short) keyGroup)
                    .put(StateCodec.LONG.encode(time)).put(key).array();
            put(families.get(name), timer, new byte[0]);
            if (earliest != Long.MIN_VALUE) {
                earliest = Math.min(earliest, time);
            }
        }

        @Override
        public void fireUpTo(long time, Callback callback) {
            if (earliest > time) {
                return;
            }
            record Due(long time, int keyGroup, byte[] key) {
            }
            List<Due> due = new ArrayList<>();
            long next = Long.MAX_VALUE;
            ColumnFamilyHandle family = families.get(name);
            try (RocksIterator it = db.newIterator(family)) {
                for (int g = firstKeyGroup; g <= lastKeyGroup; g++) {
                    byte[] prefix = groupPrefix(g);
                    for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                        byte[] k = it.key();
                        long at = StateCodec.LONG.decode(Arrays.copyOfRange(k, 2, 10));
                        if (at > time) {
                            next = Math.min(next, at);
                            break;
                        }
                        due.add(new Due(at, g, Arrays.copyOfRange(k, 10, k.length)));
                        delete(family, k);
                    }
                }
            }
            earliest = next;
            due.sort((a, b) -> Long.compare(a.time(), b.time()));
            for (Due timer : due) {
                setCurrentKey(timer.keyGroup(), timer.key());
                callback.fire(timer.keyGroup(), timer.key(), timer.time());
            }
        }
    }

    @Override
    public StateSnapshot snapshot(long checkpointId) {
        return snapshots.snapshot(this, checkpointId);
    }

    @Override
    public void restore(Map<Integer, byte[]> keyed) {
        List<RocksDbHandle> handles = new ArrayList<>();
        keyed.forEach((group, bytes) -> {
            if (group > HANDLE) {
                throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot restore heap state into the "
                        + "RocksDB state backend; restore with 'state.backend.type' = 'hashmap'");
            }
            handles.add(RocksDbHandle.CODEC.decode(bytes));
        });
        snapshots.restore(this, handles);
    }

    /** The handle of the newest snapshot: its files, and how many bytes it copied (measurements, tests). */
    RocksDbHandle lastSnapshot() {
        return snapshots.lastHandle();
    }

    /** The folder of the open instance. */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        closeDb();
        writeOptions.close();
        familyOptions.close();
        dbOptions.close();
        snapshots.close();
    }
}
