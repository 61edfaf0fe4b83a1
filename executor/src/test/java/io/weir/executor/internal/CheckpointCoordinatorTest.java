package io.weir.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.state.CheckpointDirectory;
import io.weir.spi.connector.Committable;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints that never complete leave no private files: a checkpoint whose subtask uploaded its
 * small files but never acknowledged expires, and the coordinator deletes them; the files of a
 * checkpoint that completes stay, and those of every older one (which can no longer complete) go.
 */
class CheckpointCoordinatorTest {
    @TempDir
    Path work;

    @Test
    void anExpiredCheckpointsPrivateFilesAreDeletedAndACompletedOnesStay() throws Exception {
        CheckpointDirectory dir = CheckpointDirectory.local(work.resolve("job"));
        Set<Long> triggered = ConcurrentHashMap.newKeySet();
        CheckpointSettings settings = CheckpointSettings.of(Map.of(CheckpointSettings.INTERVAL, "20ms",
                CheckpointSettings.TIMEOUT, "200ms", CheckpointSettings.TOLERABLE, "1000"));
        try (CheckpointCoordinator coordinator = new CheckpointCoordinator("job", dir, settings, 1, 0, new Access() {
            @Override
            public void triggered(long checkpointId) {
                // the subtask's upload of its small files, as RocksDbSnapshots names them
                try {
                    dir.storage().write(dir.resolve("private", "abcd1234-chk-" + checkpointId + "-MANIFEST-000001"),
                            "manifest".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                triggered.add(checkpointId);
            }
        })) {
            coordinator.start();
            Path first = work.resolve("job").resolve("private").resolve("abcd1234-chk-1-MANIFEST-000001");
            for (int i = 0; i < 600 && !(triggered.contains(1L) && !Files.exists(first)); i++) {
                Thread.sleep(50);
            }
            assertThat(triggered).as("checkpoint 1 was triggered").contains(1L);
            assertThat(first).as("checkpoint 1 expired unacknowledged: its private file is gone").doesNotExist();

            // acknowledge whichever checkpoint is pending until one completes
            for (int i = 0; i < 600 && coordinator.lastCompleted() == 0; i++) {
                coordinator.acknowledge(coordinator.triggered(), CheckpointData.taskKey(1, 0), Map.of(), 0);
                Thread.sleep(20);
            }
            long completed = coordinator.lastCompleted();
            assertThat(completed).as("a checkpoint completed").isGreaterThan(1);
            Path privateDir = work.resolve("job").resolve("private");
            assertThat(privateDir.resolve("abcd1234-chk-" + completed + "-MANIFEST-000001"))
                    .as("the completed checkpoint's file stays").exists();
            try (Stream<Path> files = Files.list(privateDir)) {
                assertThat(files.map(f -> f.getFileName().toString())
                        .filter(n -> Long.parseLong(n.split("-")[2]) < completed).toList())
                        .as("no private file of an older checkpoint, which can no longer complete").isEmpty();
            }
        }
    }

    /** A job whose subtasks are all running and whose sinks stage nothing. */
    private static class Access implements CheckpointCoordinator.JobAccess {
        @Override
        public boolean allRunning() {
            return true;
        }

        @Override
        public Map<Integer, List<Committable>> takeStaged(long checkpointId) {
            return Map.of();
        }

        @Override
        public void completed(CheckpointData data) {
        }

        @Override
        public Map<Integer, String> operators() {
            return Map.of();
        }

        @Override
        public void failed(WeirException error) {
        }
    }
}
