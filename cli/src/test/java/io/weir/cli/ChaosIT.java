package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under chaos: a coordinator and three worker processes run, at parallelism 4 with
 * checkpoints every second, a pass-through of a rate-limited bounded generator of unique ids and a
 * keyed TUMBLE window aggregation of it, both into exactly-once filesystem sinks, while workers are
 * killed with SIGKILL (and started again) several times. In the end every id is in the output
 * exactly once and every window count equals the one computed here from the same ids.
 */
class ChaosIT extends ClusterProcessesTest {
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
        psql.query("CREATE TABLE src (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 10, 3), WATERMARK FOR ts AS ts - INTERVAL '1' "
                        + "SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '5000', 'number-of-rows' = '" + ROWS
                        + "', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '" + ROWS + "')",
                "CREATE TABLE ids_out (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("ids")
                        + "', 'format' = 'csv')",
                "CREATE TABLE win_out (first_id BIGINT, k BIGINT, n BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                        + work.resolve("windows") + "', 'format' = 'csv')");
        String[] settings = {"SET 'execution.runtime-mode' = 'streaming'", "SET 'execution.checkpointing.interval' = '1s'",
            "SET 'parallelism.default' = '4'", "SET 'restart-strategy.exponential-delay.initial-backoff' = '200ms'"};
        List<String> passThrough = new ArrayList<>(List.of(settings));
        passThrough.add("INSERT INTO ids_out SELECT id FROM src");
        List<String> windowed = new ArrayList<>(List.of(settings));
        windowed.add("INSERT INTO win_out SELECT MIN(id), MOD(id, 5), COUNT(*) FROM TABLE(TUMBLE(TABLE src, "
                + "DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end, MOD(id, 5)");
        String first = psql.query(passThrough.toArray(String[]::new)).strip();
        String second = psql.query(windowed.toArray(String[]::new)).strip();

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

        List<Long> ids = new ArrayList<>();
        for (String line : TestCluster.committedLines(work.resolve("ids"))) {
            ids.add(Long.parseLong(line));
        }
        assertThat(ids).hasSize(ROWS);
        assertThat(ids.stream().distinct().count()).isEqualTo(ROWS);
        assertThat(ids.stream().mapToLong(Long::longValue).sum()).isEqualTo((long) ROWS * (ROWS + 1) / 2);

        Map<String, long[]> expected = new TreeMap<>();
        for (long id = 1; id <= ROWS; id++) {
            String key = (id * 10 / 1000) + "/" + (id % 5);
            long[] window = expected.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, 0});
            window[0] = Math.min(window[0], id);
            window[1]++;
        }
        List<String> expectedRows = new ArrayList<>();
        expected.forEach((key, w) -> expectedRows.add(w[0] + "," + key.substring(key.indexOf('/') + 1) + "," + w[1]));
        assertThat(TestCluster.committedLines(work.resolve("windows"))).containsExactlyInAnyOrderElementsOf(expectedRows);
    }
}
