package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under chaos: a coordinator and three worker processes run, at parallelism 4 with
 * checkpoints every second, a pass-through of a rate-limited bounded generator of unique ids and a
 * keyed TUMBLE window aggregation of it, both into exactly-once filesystem sinks, while workers are
 * killed with SIGKILL (and started again) several times. In the end every id is in the output
 * exactly once and every window count equals the one computed here from the same ids.
 */
class ChaosIT {
    private static final int ROWS = 60_000;

    @TempDir
    Path work;

    private final List<ServerProcess> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ServerProcess process : processes) {
            process.close();
        }
    }

    @Test
    void killedWorkersLoseAndDoubleNothing() throws Exception {
        ServerProcess coordinator = ServerProcess.coordinator(work.resolve("coordinator"), work.resolve("coordinator.log"));
        processes.add(coordinator);
        coordinator.start();
        ServerProcess[] workers = new ServerProcess[3];
        for (int w = 0; w < 3; w++) {
            workers[w] = ServerProcess.worker(coordinator, 4, work.resolve("w" + w), work.resolve("w" + w + ".log"));
            processes.add(workers[w]);
            workers[w].start();
        }
        PsqlClient psql = new PsqlClient(coordinator.port());
        long registered = 0;
        for (int i = 0; i < 300 && registered != 3; i++) {
            Thread.sleep(100);
            registered = psql.query("SHOW WORKERS").lines().filter(l -> l.startsWith("worker-")).count();
        }
        assertThat(registered).isEqualTo(3);
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
            if (finished(jobs, first) && finished(jobs, second)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(finished(jobs, first) && finished(jobs, second)).as("both jobs finished: " + jobs).isTrue();
        assertThat(Files.readString(work.resolve("coordinator.log"))).as("the kills were noticed and jobs resumed")
                .contains("was lost").contains("resumes from checkpoint");

        List<Long> ids = new ArrayList<>();
        for (String line : lines(work.resolve("ids"))) {
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
        assertThat(lines(work.resolve("windows"))).containsExactlyInAnyOrderElementsOf(expectedRows);
    }

    private static boolean finished(String jobs, String id) {
        return jobs.lines().anyMatch(l -> l.startsWith(id) && l.contains("|FINISHED|"));
    }

    /** The lines of every committed file under {@code dir} (hidden files are staging, not output). */
    private static List<String> lines(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().contains("/.") && !f.getFileName().toString().startsWith("_")).toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        return lines;
    }
}
