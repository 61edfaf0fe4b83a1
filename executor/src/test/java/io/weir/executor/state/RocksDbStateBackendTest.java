package io.weir.executor.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.internal.KeyGroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RocksDB backend on its own: snapshots restore at the same and at other parallelisms (each
 * key's value, map entries, list and timers reach the subtask that owns its key group, once), a
 * second snapshot copies only the SST files the first did not, and no instance stays open.
 */
class RocksDbStateBackendTest {
    private static final int KEYS = 2000;

    @TempDir
    Path work;

    @AfterEach
    void everyInstanceIsClosed() {
        assertThat(RocksDbStateBackend.openInstances()).isZero();
    }

    private RocksDbStateBackend open(String name, int subtask, int parallelism) {
        return new RocksDbStateBackend(work.resolve("state").resolve(name), work.resolve("checkpoints"), subtask,
                parallelism);
    }

    /** The states a test writes: a value, a map, a list and timers per key. */
    private record States(ValueState<Long> value, MapState<Long, Long> map, ListState<Long> list, EventTimers timers) {
        static States of(KeyedStateBackend backend) {
            return new States(backend.valueState("value", StateCodec.LONG),
                    backend.mapState("map", StateCodec.LONG, StateCodec.LONG), backend.listState("list", StateCodec.LONG),
                    backend.timers("timers"));
        }
    }

    private static int keyGroup(long key) {
        return KeyGroups.keyGroup(Long.hashCode(key));
    }

    private static byte[] key(long key) {
        return Long.toString(key).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes every key that subtask {@code subtask} of {@code parallelism} owns. */
    private static void write(KeyedStateBackend backend, States states, int subtask, int parallelism) {
        for (long k = 0; k < KEYS; k++) {
            if (!KeyGroups.owns(subtask, parallelism, keyGroup(k))) {
                continue;
            }
            backend.setCurrentKey(keyGroup(k), key(k));
            states.value().update(k * 10);
            states.map().put(1L, k);
            states.map().put(2L, -k);
            states.list().add(k);
            states.list().add(k + 1);
            states.timers().register(1000 + k % 7);
        }
    }

    /** What {@code backend} holds for every key it owns, as text, with its fired timers. */
    private static Map<Long, String> read(KeyedStateBackend backend, States states, int subtask, int parallelism) {
        Map<Long, String> seen = new TreeMap<>();
        for (long k = 0; k < KEYS; k++) {
            if (!KeyGroups.owns(subtask, parallelism, keyGroup(k))) {
                continue;
            }
            backend.setCurrentKey(keyGroup(k), key(k));
            List<String> entries = new ArrayList<>();
            states.map().entries().forEach(e -> entries.add(e.getKey() + "=" + e.getValue()));
            seen.put(k, states.value().value() + " " + entries + " " + states.list().get());
        }
        states.timers().fireUpTo(Long.MAX_VALUE, (group, key, time) -> {
            long k = Long.parseLong(new String(key, StandardCharsets.UTF_8));
            seen.merge(k, " timer " + time, String::concat);
        });
        return seen;
    }

    private static Map<Long, String> expected() {
        Map<Long, String> expected = new TreeMap<>();
        for (long k = 0; k < KEYS; k++) {
            expected.put(k, (k * 10) + " [1=" + k + ", 2=" + (-k) + "] [" + k + ", " + (k + 1) + "] timer " + (1000 + k % 7));
        }
        return expected;
    }

    @ParameterizedTest(name = "2 -> {0}")
    @ValueSource(ints = {1, 2, 4})
    void aSnapshotRestoresAtAnyParallelism(int parallelism) {
        Map<Integer, byte[]> handles = new HashMap<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (RocksDbStateBackend backend = open("before-" + subtask, subtask, 2)) {
                States states = States.of(backend);
                write(backend, states, subtask, 2);
                StateSnapshot snapshot = backend.snapshot(1);
                snapshot.uploaded().join();
                // as the runner hands them out at another parallelism: each former subtask's handle under its own key
                handles.put(KeyedStateBackend.HANDLE - subtask, snapshot.entries().get(KeyedStateBackend.HANDLE));
            }
        }
        Map<Long, String> restored = new TreeMap<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            try (RocksDbStateBackend backend = open("after-" + subtask, subtask, parallelism)) {
                States states = States.of(backend);
                Map<Integer, byte[]> mine = parallelism == 2 ? Map.of(KeyedStateBackend.HANDLE,
                        handles.get(KeyedStateBackend.HANDLE - subtask)) : handles;
                backend.restore(mine);
                Map<Long, String> part = read(backend, states, subtask, parallelism);
                part.keySet().forEach(k -> assertThat(restored).doesNotContainKey(k));
                restored.putAll(part);
            }
        }
        assertThat(restored).isEqualTo(expected());
    }

    @Test
    void aSecondSnapshotCopiesOnlyTheNewSstFiles() throws Exception {
        try (RocksDbStateBackend backend = open("incremental", 0, 1)) {
            States states = States.of(backend);
            write(backend, states, 0, 1);
            StateSnapshot first = backend.snapshot(1);
            first.uploaded().join();
            RocksDbHandle firstHandle = backend.lastSnapshot();
            for (long k = 0; k < 100; k++) {
                backend.setCurrentKey(keyGroup(k), key(k));
                states.value().update(-1L);
            }
            StateSnapshot second = backend.snapshot(2);
            second.uploaded().join();
            RocksDbHandle secondHandle = backend.lastSnapshot();

            List<String> firstSst = firstHandle.files().keySet().stream().filter(f -> f.endsWith(".sst")).toList();
            assertThat(firstSst).isNotEmpty();
            List<String> newSst = secondHandle.files().keySet().stream()
                    .filter(f -> f.endsWith(".sst") && !firstSst.contains(f)).toList();
            assertThat(newSst).as("the updates went into a new SST file").isNotEmpty();
            for (String file : firstSst) {
                if (secondHandle.files().containsKey(file)) {
                    assertThat(secondHandle.files().get(file)).as("an SST file the first snapshot stored is reused")
                            .isEqualTo(firstHandle.files().get(file));
                }
            }
            long newBytes = 0;
            for (Map.Entry<String, String> file : secondHandle.files().entrySet()) {
                if (!firstHandle.files().containsValue(file.getValue())) {
                    newBytes += Files.size(Path.of(file.getValue()));
                }
            }
            assertThat(secondHandle.uploadedBytes()).as("only the files the first snapshot lacked").isEqualTo(newBytes)
                    .isLessThan(secondHandle.totalBytes());
            try (Stream<Path> shared = Files.list(work.resolve("checkpoints").resolve("shared"))) {
                assertThat(shared.filter(f -> !f.getFileName().toString().startsWith(".")).count())
                        .isEqualTo(firstSst.size() + newSst.size());
            }
        }
    }
}
