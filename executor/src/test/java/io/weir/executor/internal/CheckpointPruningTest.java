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
                CheckpointData data = writeAndSnapshot(backend, value, model, 0, round);
                everReferenced.addAll(CheckpointPruning.files(data));
                data.write(dir);
                if (round == 4) {
                    dir.storage().write(dir.resolve("pinned", "savepoint-4"), data.bytes());
                }
                expectedAt.put(round, new TreeMap<>(model));
                pruning.prune(2, round);
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

    /**
     * Checkpoint 2 is aborted after its upload, checkpoint 3 completes, checkpoint 4 is in flight when
     * the job fails: the abort deletes checkpoint 2's private files but not its new shared SST files,
     * which checkpoint 3 refers to (it still restores), and the next execution's start deletes
     * everything no stored checkpoint refers to, leaving exactly checkpoint 3's files.
     */
    @Test
    void filesOfCheckpointsThatNeverCompletedGoAndCompletedOnesStillRestore() throws Exception {
        Path jobFolder = work.resolve("chk").resolve("job");
        CheckpointDirectory dir = CheckpointDirectory.local(jobFolder);
        CheckpointPruning pruning = new CheckpointPruning(dir);
        Map<Long, Long> model = new TreeMap<>();
        Map<Long, Long> atThree = null;
        Set<String> abortedFiles = Set.of();
        try (RocksDbStateBackend backend = new RocksDbStateBackend(work.resolve("state").resolve("a"), dir, 0, 1)) {
            ValueState<Long> value = backend.valueState("v", StateCodec.LONG);
            for (int round = 1; round <= 4; round++) {
                CheckpointData data = writeAndSnapshot(backend, value, model, (long) (round - 1) * KEYS_PER_ROUND, round);
                if (round == 2) {
                    abortedFiles = CheckpointPruning.files(data);
                    pruning.deleteAborted(round);
                } else if (round != 4) {
                    data.write(dir);
                    pruning.prune(1, round);
                }
                if (round == 3) {
                    atThree = new TreeMap<>(model);
                }
            }
        }
        Set<String> abortedPrivate = new HashSet<>();
        Set<String> abortedShared = new HashSet<>();
        abortedFiles.forEach(f -> (f.contains("/private/") ? abortedPrivate : abortedShared).add(f));
        assertThat(abortedPrivate).as("checkpoint 2 had private files").isNotEmpty();
        assertThat(abortedShared).as("checkpoint 2 uploaded new SST files").isNotEmpty();
        Set<String> beforeRestart = storedStateFiles(jobFolder);
        assertThat(beforeRestart).as("the abort deleted checkpoint 2's private files").doesNotContainAnyElementsOf(abortedPrivate)
                .as("and kept its shared SST files").containsAll(abortedShared);

        new CheckpointPruning(dir).deleteUnreferenced();
        CheckpointData three = CheckpointData.read(dir.storage(), dir.resolve("chk-3"));
        Set<String> needed = CheckpointPruning.files(three);
        assertThat(beforeRestart).as("checkpoint 4 left files behind before the restart").hasSizeGreaterThan(needed.size());
        assertThat(storedStateFiles(jobFolder)).as("after the restart: exactly the files of stored checkpoint 3")
                .isEqualTo(needed);
        assertThat(needed).as("checkpoint 3 refers to SST files uploaded for aborted checkpoint 2")
                .containsAnyElementsOf(abortedShared);
        assertThat(restore(three, "r")).isEqualTo(atThree);
    }

    /**
     * Sets keys {@code from} up to {@code round * KEYS_PER_ROUND} to values of the round (in
     * {@code model} too), snapshots the backend as checkpoint {@code round} and waits for its upload.
     */
    private static CheckpointData writeAndSnapshot(RocksDbStateBackend backend, ValueState<Long> value,
            Map<Long, Long> model, long from, int round) {
        for (long k = from; k < (long) round * KEYS_PER_ROUND; k++) {
            set(backend, k);
            value.update(k * 1000 + round);
            model.put(k, k * 1000 + round);
        }
        StateSnapshot snapshot = backend.snapshot(round);
        snapshot.uploaded().join();
        return checkpoint(round, snapshot);
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
