package io.weir.executor.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.internal.KeyGroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processing-time timers on both backends: they fire in time order up to the time asked, with the
 * backend's current key set to theirs, once each (registering one twice keeps one), and stay apart
 * from the event-time timers of the same backend; a snapshot taken at parallelism 2 restores at 1, 2
 * and 3 with each pending timer in the subtask that owns its key group, exactly once. The expected
 * timers are computed here from the keys written.
 */
class ProcessingTimersTest {
    private static final int KEYS = 500;

    @TempDir
    Path work;

    @AfterEach
    void everyInstanceIsClosed() {
        assertThat(RocksDbStateBackend.openInstances()).isZero();
    }

    private KeyedStateBackend open(String kind, String name, int subtask, int parallelism) {
        return kind.equals("rocksdb") ? new RocksDbStateBackend(work.resolve("state").resolve(name),
                work.resolve("checkpoints"), subtask, parallelism) : new HeapStateBackend();
    }

    private static int keyGroup(long key) {
        return KeyGroups.keyGroup(Long.hashCode(key));
    }

    private static byte[] key(long key) {
        return Long.toString(key).getBytes(StandardCharsets.UTF_8);
    }

    private static long time(long key) {
        return 1_000_000L + (key * 7919) % 1000;
    }

    /** Each key of {@code subtask} gets a processing timer at {@link #time} (twice) and an event timer at 5. */
    private static void register(KeyedStateBackend backend, ProcessingTimers processing, EventTimers event,
            int subtask, int parallelism) {
        for (long k = 0; k < KEYS; k++) {
            if (KeyGroups.owns(subtask, parallelism, keyGroup(k))) {
                backend.setCurrentKey(keyGroup(k), key(k));
                processing.register(time(k));
                processing.register(time(k));
                event.register(5);
            }
        }
    }

    /** Fires the timers up to {@code upTo}: key → time, checking the order and the current key. */
    private static Map<Long, Long> fire(ProcessingTimers timers, ValueState<Long> marker, long upTo) {
        Map<Long, Long> fired = new TreeMap<>();
        long[] last = {Long.MIN_VALUE};
        timers.fireUpTo(upTo, (group, key, time) -> {
            long k = Long.parseLong(new String(key, StandardCharsets.UTF_8));
            assertThat(time).as("timers fire in time order").isGreaterThanOrEqualTo(last[0]);
            last[0] = time;
            assertThat(group).isEqualTo(keyGroup(k));
            assertThat(marker.value()).as("the current key is the timer's").isEqualTo(k);
            assertThat(fired.put(k, time)).as("a timer fires once").isNull();
        });
        return fired;
    }

    private static void mark(KeyedStateBackend backend, ValueState<Long> marker) {
        for (long k = 0; k < KEYS; k++) {
            backend.setCurrentKey(keyGroup(k), key(k));
            marker.update(k);
        }
    }

    private static Map<Long, Long> expected(long from, long upTo) {
        Map<Long, Long> expected = new TreeMap<>();
        for (long k = 0; k < KEYS; k++) {
            if (time(k) >= from && time(k) <= upTo) {
                expected.put(k, time(k));
            }
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void timersFireInTimeOrderUpToTheTimeAskedOnceEach(String kind) {
        try (KeyedStateBackend backend = open(kind, "fire", 0, 1)) {
            ProcessingTimers processing = backend.processingTimers("ttl");
            EventTimers event = backend.timers("event");
            ValueState<Long> marker = backend.valueState("marker", StateCodec.LONG);
            mark(backend, marker);
            register(backend, processing, event, 0, 1);

            assertThat(fire(processing, marker, 999_999)).isEmpty();
            assertThat(fire(processing, marker, 1_000_400)).isEqualTo(expected(0, 1_000_400));
            assertThat(fire(processing, marker, 1_000_400)).as("fired timers are gone").isEmpty();
            // key 0's timer (at 1,000,000) has fired: it may get a new one
            backend.setCurrentKey(keyGroup(0), key(0));
            processing.register(1_000_450);
            Map<Long, Long> rest = expected(1_000_401, Long.MAX_VALUE);
            rest.put(0L, 1_000_450L);
            assertThat(fire(processing, marker, Long.MAX_VALUE)).isEqualTo(rest);

            List<Long> eventKeys = new ArrayList<>();
            event.fireUpTo(10, (group, key, time) -> eventKeys.add(Long.parseLong(new String(key, StandardCharsets.UTF_8))));
            assertThat(eventKeys).as("event-time timers are a table of their own").hasSize(KEYS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void pendingTimersMoveWithTheirKeyGroupsOnRescale(String kind) {
        for (int parallelism = 1; parallelism <= 3; parallelism++) {
            Map<Integer, byte[]> stored = new HashMap<>();
            for (int subtask = 0; subtask < 2; subtask++) {
                try (KeyedStateBackend backend = open(kind, "before-" + parallelism + "-" + subtask, subtask, 2)) {
                    ProcessingTimers processing = backend.processingTimers("ttl");
                    EventTimers event = backend.timers("event");
                    backend.valueState("marker", StateCodec.LONG);
                    register(backend, processing, event, subtask, 2);
                    StateSnapshot snapshot = backend.snapshot(1);
                    snapshot.uploaded().join();
                    int handle = KeyedStateBackend.HANDLE - subtask;
                    snapshot.entries().forEach((group, bytes) ->
                            stored.put(group == KeyedStateBackend.HANDLE ? handle : group, bytes));
                }
            }
            Map<Long, Long> restored = new TreeMap<>();
            for (int subtask = 0; subtask < parallelism; subtask++) {
                try (KeyedStateBackend backend = open(kind, "after-" + parallelism + "-" + subtask, subtask, parallelism)) {
                    ProcessingTimers processing = backend.processingTimers("ttl");
                    backend.timers("event");
                    ValueState<Long> marker = backend.valueState("marker", StateCodec.LONG);
                    backend.restore(owned(stored, subtask, parallelism));
                    mark(backend, marker);
                    Map<Long, Long> part = fire(processing, marker, Long.MAX_VALUE);
                    for (long k : part.keySet()) {
                        assertThat(KeyGroups.owns(subtask, parallelism, keyGroup(k))).isTrue();
                        assertThat(restored).doesNotContainKey(k);
                    }
                    restored.putAll(part);
                }
            }
            assertThat(restored).as("2 -> " + parallelism).isEqualTo(expected(0, Long.MAX_VALUE));
        }
    }

    /** What the runner hands subtask {@code subtask} of {@code parallelism}: its key groups, and every RocksDB handle. */
    private static Map<Integer, byte[]> owned(Map<Integer, byte[]> stored, int subtask, int parallelism) {
        Map<Integer, byte[]> mine = new HashMap<>();
        stored.forEach((group, bytes) -> {
            if (group <= KeyedStateBackend.HANDLE || KeyGroups.owns(subtask, parallelism, group)) {
                mine.put(group, bytes);
            }
        });
        return mine;
    }
}
