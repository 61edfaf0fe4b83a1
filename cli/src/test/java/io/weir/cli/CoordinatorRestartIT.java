package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A coordinator process restarts under running jobs while its two worker processes keep running: at
 * parallelism 2 with checkpoints every second, a pass-through of a rate-limited bounded generator of
 * unique ids and a keyed TUMBLE window aggregation of it write to exactly-once filesystem sinks. The
 * coordinator is killed with SIGKILL mid-job and started again on the same data directory; later it
 * is stopped with SIGTERM and started again. Each time the workers join the new coordinator by
 * themselves and both jobs resume from their newest stored checkpoint (after SIGTERM: the final one
 * the shutdown took). In the end every id is in the output exactly once and every window count
 * equals the one computed here from the same ids.
 */
class CoordinatorRestartIT extends ClusterProcessesBase {
    private static final int ROWS = 36_000;
    private static final Pattern RESUMED = Pattern.compile("Job (\\S+) resumes from checkpoint (\\d+)");

    @Test
    void aRestartedCoordinatorResumesItsJobsOnTheSameWorkersExactlyOnce() throws Exception {
        Path coordinatorData = work.resolve("coordinator");
        Path coordinatorLog = work.resolve("coordinator.log");
        ServerProcess coordinator = cluster.startCoordinator();
        for (String name : List.of("w1", "w2")) {
            cluster.startWorker(coordinator, 2, name);
        }
        PsqlClient psql = new PsqlClient(coordinator.port());
        TestCluster.awaitWorkers(psql, 2);
        IdsAndWindowsJobs workload = new IdsAndWindowsJobs(work, ROWS);
        List<String> jobs = workload.start(psql, 1500, 2);
        String passThrough = jobs.get(0);
        String windowed = jobs.get(1);

        awaitCheckpoints(coordinatorData, Map.of(passThrough, 2L, windowed, 2L));
        coordinator.kill();
        assertThat(workload.committedIds()).as("a part is visible before the crash, not all").hasSizeLessThan(ROWS);
        Map<String, Long> newestAtKill = newestCheckpoints(coordinatorData, jobs);
        coordinator.start();
        assertResumedFrom(coordinatorLog, newestAtKill, 1);

        // a checkpoint newer than the one resumed from: the jobs run again
        awaitCheckpoints(coordinatorData, Map.of(passThrough, newestAtKill.get(passThrough) + 1, windowed,
                newestAtKill.get(windowed) + 1));
        coordinator.stop();
        assertThat(Files.readString(coordinatorLog)).as("the graceful stop took final checkpoints")
                .contains("Job " + passThrough + " (insert-into_ids_out) took its final checkpoint")
                .contains("Job " + windowed + " (insert-into_win_out) took its final checkpoint");
        assertThat(workload.committedIds()).as("the final checkpoint committed a part, not all").hasSizeLessThan(ROWS);
        Map<String, Long> newestAtStop = newestCheckpoints(coordinatorData, jobs);
        coordinator.start();
        assertResumedFrom(coordinatorLog, newestAtStop, 2);

        psql = new PsqlClient(coordinator.port());
        String shown = "";
        boolean bothFinished = false;
        for (int i = 0; i < 1200 && !bothFinished; i++) {
            Thread.sleep(100);
            shown = psql.query("SHOW JOBS");
            bothFinished = TestCluster.finished(shown, passThrough) && TestCluster.finished(shown, windowed);
        }
        assertThat(bothFinished).as("both jobs finished: " + shown).isTrue();
        for (String name : List.of("w1", "w2")) {
            assertThat(Files.readString(work.resolve(name + ".log"))).as(name + " lost and rejoined the coordinator")
                    .contains("Lost the coordinator").contains("joined the coordinator");
        }

        workload.assertExactlyOnce();
    }

    /** Waits until each job stored a checkpoint with at least the id {@code atLeast} gives it. */
    private static void awaitCheckpoints(Path data, Map<String, Long> atLeast) throws Exception {
        List<String> jobs = List.copyOf(atLeast.keySet());
        for (int i = 0; i < 600; i++) {
            Map<String, Long> newest = newestCheckpoints(data, jobs);
            if (jobs.stream().allMatch(job -> newest.get(job) >= atLeast.get(job))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("checkpoints " + atLeast + " not reached: " + newestCheckpoints(data, jobs));
    }

    /** Each job's newest stored checkpoint ({@code checkpoints/<job>/chk-n}), 0 before the first. */
    private static Map<String, Long> newestCheckpoints(Path data, List<String> jobs) throws Exception {
        Map<String, Long> newest = new TreeMap<>();
        for (String job : jobs) {
            Path dir = data.resolve("checkpoints").resolve(job);
            OptionalLong max = OptionalLong.empty();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    max = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("chk-\\d+"))
                            .mapToLong(n -> Long.parseLong(n.substring(4))).max();
                }
            }
            newest.put(job, max.orElse(0));
        }
        return newest;
    }

    /**
     * Waits until the coordinator's log says, for the {@code restart}-th time, that each job resumes,
     * and checks it resumes from the checkpoint that was newest when the coordinator went away.
     */
    private static void assertResumedFrom(Path log, Map<String, Long> newest, int restart) throws Exception {
        Map<String, List<Long>> resumed = new TreeMap<>();
        for (int i = 0; i < 600; i++) {
            resumed.clear();
            Matcher matcher = RESUMED.matcher(Files.readString(log));
            while (matcher.find()) {
                resumed.computeIfAbsent(matcher.group(1), k -> new ArrayList<>()).add(Long.parseLong(matcher.group(2)));
            }
            if (newest.keySet().stream().allMatch(job -> resumed.getOrDefault(job, List.of()).size() >= restart)) {
                break;
            }
            Thread.sleep(100);
        }
        for (Map.Entry<String, Long> job : newest.entrySet()) {
            List<Long> ids = resumed.getOrDefault(job.getKey(), List.of());
            assertThat(ids).as("job " + job.getKey() + " resumed " + restart + " time(s)").hasSizeGreaterThanOrEqualTo(restart);
            assertThat(ids.get(restart - 1)).as("job " + job.getKey() + " resumed from its newest checkpoint")
                    .isEqualTo(job.getValue());
        }
    }
}
