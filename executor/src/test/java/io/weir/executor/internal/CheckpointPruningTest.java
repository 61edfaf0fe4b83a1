package io.weir.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.state.CheckpointDirectory;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.RocksDbStateBackend;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.StateSnapshot;
import io.weir.executor.state.ValueState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental RocksDB checkpoints pruned to {@code num-retained} = 2: the state files of expired
 * checkpoints that no retained checkpoint or pinned savepoint refers to are deleted from the job's
 * folder, every file a retained one or the savepoint needs stays, and both restore the values written
 * up to them (computed here independently).
 */
class CheckpointPruningTest {
    private static final int ROUNDS = 12;
    private static final int KEYS_PER_ROUND = 500;

    @TempDir
    Path work;

    @AfterEach
    void everyInstanceIsClosed() {
        assertThat(RocksDbStateBackend.openInstances()).isZero();
    }

    @Test
    void filesOfExpiredCheckpointsGoAndRetainedOnesAndSavepointsStillRestore() throws Exception {
        CheckpointDirectory dir = CheckpointDirectory.local(work.resolve("chk").resolve("job"));
        CheckpointPruning pruning = new CheckpointPruning(dir);
        Set<String> everReferenced = new HashSet<>();
        Map<Integer, Map<Long, Long>> expectedAt = new TreeMap<>();
        Map<Long, Long> model = new TreeMap<>();
        try (RocksDbStateBackend backend = new RocksDbStateBackend(work.resolve("state").resolve("a"), dir, 0, 1)) {
            ValueState<Long> value = backend.valueState("v", StateCodec.LONG);
            for (int round = 1; round <= ROUNDS; round++) {
                // new keys each round and an overwrite of the older ones, so that compaction replaces SST files
                for (long k = 0; k < (long) round * KEYS_PER_ROUND; k++) {
                    set(backend, k);
                    value.update(k * 1000 + round);
                    model.put(k, k * 1000 + round);
                }
                StateSnapshot snapshot = backend.snapshot(round);
                snapshot.uploaded().join();
                CheckpointData data = checkpoint(round, snapshot);
                everReferenced.addAll(CheckpointPruning.files(data));
                data.write(dir);
                if (round == 4) {
                    dir.storage().write(dir.resolve("pinned", "savepoint-4"), data.bytes());
                }
                expectedAt.put(round, new TreeMap<>(model));
                pruning.prune(2);
            }
        }
        assertThat(CheckpointData.ids(dir)).containsExactly((long) ROUNDS - 1, (long) ROUNDS);
        Set<String> needed = new HashSet<>();
        for (long id : CheckpointData.ids(dir)) {
            needed.addAll(CheckpointPruning.files(CheckpointData.read(dir.storage(), dir.resolve("chk-" + id))));
        }
        CheckpointData savepoint = CheckpointData.read(dir.storage(), dir.resolve("pinned", "savepoint-4"));
        needed.addAll(CheckpointPruning.files(savepoint));
        Set<String> present = storedStateFiles(work.resolve("chk").resolve("job"));
        assertThat(present).as("state files left: exactly those a retained checkpoint or the savepoint needs")
                .isEqualTo(needed);
        assertThat(everReferenced).as("some files were only needed by expired checkpoints")
                .hasSizeGreaterThan(needed.size());

        assertThat(restore(CheckpointData.read(dir.storage(), dir.resolve("chk-" + (ROUNDS - 1))), "r1"))
                .isEqualTo(expectedAt.get(ROUNDS - 1));
        assertThat(restore(CheckpointData.read(dir.storage(), dir.resolve("chk-" + ROUNDS)), "r2"))
                .isEqualTo(expectedAt.get(ROUNDS));
        assertThat(restore(savepoint, "r3")).as("the pinned savepoint restores").isEqualTo(expectedAt.get(4));
    }

    private static void set(KeyedStateBackend backend, long k) {
        backend.setCurrentKey(KeyGroups.keyGroup(Long.hashCode(k)), Long.toString(k).getBytes(StandardCharsets.UTF_8));
    }

    private static CheckpointData checkpoint(long id, StateSnapshot snapshot) {
        return new CheckpointData(id, Map.of(CheckpointData.taskKey(1, 0), Map.of(1, snapshot.entries())), Map.of(),
                System.currentTimeMillis(), Map.of(1, "test"));
    }

    private Map<Long, Long> restore(CheckpointData data, String name) {
        Map<Long, Long> seen = new TreeMap<>();
        try (RocksDbStateBackend backend = new RocksDbStateBackend(work.resolve("state").resolve(name),
                work.resolve("restored-chk"), 0, 1)) {
            ValueState<Long> value = backend.valueState("v", StateCodec.LONG);
            backend.restore(data.states().get(CheckpointData.taskKey(1, 0)).get(1));
            for (long k = 0; k < (long) ROUNDS * KEYS_PER_ROUND; k++) {
                set(backend, k);
                Long v = value.value();
                if (v != null) {
                    seen.put(k, v);
                }
            }
        }
        return seen;
    }

    /** The state files stored in the job's folder (metadata and pins aside), as the handles name them. */
    private static Set<String> storedStateFiles(Path jobDir) throws Exception {
        Set<String> files = new HashSet<>();
        for (String folder : List.of("shared", "private")) {
            if (Files.isDirectory(jobDir.resolve(folder))) {
                try (Stream<Path> walk = Files.walk(jobDir.resolve(folder))) {
                    walk.filter(Files::isRegularFile).forEach(f -> files.add(f.toString()));
                }
            }
        }
        return files;
    }
}
