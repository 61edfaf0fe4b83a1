package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under chaos: a coordinator and three worker processes run, at parallelism 4 with
 * checkpoints every second, a pass-through of a rate-limited bounded generator of unique ids and a
 * keyed TUMBLE window aggregation of it, both into exactly-once filesystem sinks, while workers are
 * killed with SIGKILL (and started again) several times. In the end every id is in the output
 * exactly once and every window count equals the one computed here from the same ids.
 */
class ChaosIT extends ClusterProcessesBase {
    private static final int ROWS = 60_000;

    @Test
    void killedWorkersLoseAndDoubleNothing() throws Exception {
        ServerProcess coordinator = cluster.startCoordinator();
        ServerProcess[] workers = new ServerProcess[3];
        for (int w = 0; w < 3; w++) {
            workers[w] = cluster.startWorker(coordinator, 4, "w" + w);
        }
        PsqlClient psql = new PsqlClient(coordinator.port());
        TestCluster.awaitWorkers(psql, 3);
        IdsAndWindowsJobs workload = new IdsAndWindowsJobs(work, ROWS);
        List<String> jobIds = workload.start(psql, 5000, 4);
        String first = jobIds.get(0);
        String second = jobIds.get(1);

        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            Thread.sleep(3000);
            int victim = random.nextInt(3);
            workers[victim].kill();
            Thread.sleep(500);
            workers[victim].start();
        }
        String jobs = "";
        for (int i = 0; i < 1800; i++) {
            jobs = psql.query("SHOW JOBS");
            if (TestCluster.finished(jobs, first) && TestCluster.finished(jobs, second)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(TestCluster.finished(jobs, first) && TestCluster.finished(jobs, second)).as("both jobs finished: " + jobs)
                .isTrue();
        assertThat(Files.readString(work.resolve("coordinator.log"))).as("the kills were noticed and jobs resumed")
                .contains("was lost").contains("resumes from checkpoint");

        workload.assertExactlyOnce();
    }
}
