package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once after a crash: a server process runs a rate-limited generator of unique ids into a
 * CSV table with checkpoints every 500 ms and is killed with SIGKILL half way; started again on the
 * same data directory, it resumes the job from its newest checkpoint, and in the end every id is in
 * the table's visible files exactly once. Then a streaming materialized view survives a graceful
 * stop (its final checkpoint) without starting over.
 */
class CheckpointRecoveryIT {
    private static final int ROWS = 6000;

    @TempDir
    Path work;

    @Test
    void aKilledServerResumesItsJobsExactlyOnce() throws Exception {
        Path out = work.resolve("out");
        try (ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"))) {
            server.start();
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '" + ROWS
                    + "', 'rows-per-second' = '1500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '" + ROWS + "')",
                    "CREATE TABLE out_ids (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                            + "', 'format' = 'csv')");
            String jobId = psql.query("SET 'execution.checkpointing.interval' = '500ms'",
                    "INSERT INTO out_ids SELECT id FROM src");
            psql.query("CREATE TABLE events (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 10, 3), WATERMARK FOR ts AS "
                    + "ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'number-of-rows' = '" + ROWS
                    + "', 'rows-per-second' = '1500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '" + ROWS + "')",
                    "CREATE TABLE windows (first_id BIGINT, k BIGINT, n BIGINT) WITH ('connector' = 'filesystem', "
                            + "'path' = '" + work.resolve("windows") + "', 'format' = 'csv')");
            // parallelism 2: two source subtasks feed each window subtask, so barriers are aligned
            String windowJob = psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '2'",
                    "SET 'execution.checkpointing.interval' = '500ms'", "INSERT INTO windows SELECT MIN(id), MOD(id, 5), "
                            + "COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND)) "
                            + "GROUP BY window_start, window_end, MOD(id, 5)");
            Thread.sleep(2000);
            server.kill();
            assertThat(ids(out)).as("a part is visible before the crash, not all").hasSizeLessThan(ROWS);

            server.start();
            psql = new PsqlClient(server.port());
            String status = "";
            for (int i = 0; i < 200 && !status.contains("FINISHED"); i++) {
                Thread.sleep(100);
                status = psql.query("SHOW JOBS").lines().filter(l -> l.startsWith(jobId)).findFirst().orElse("");
            }
            assertThat(status).as("the job resumed under its id and finished").contains("FINISHED");
            String windowStatus = "";
            for (int i = 0; i < 200 && !windowStatus.contains("FINISHED"); i++) {
                Thread.sleep(100);
                windowStatus = psql.query("SHOW JOBS").lines().filter(l -> l.startsWith(windowJob)).findFirst().orElse("");
            }
            assertThat(windowStatus).as("the window job resumed and finished").contains("FINISHED");
            java.util.Map<String, long[]> expected = new java.util.TreeMap<>();
            for (long id = 1; id <= ROWS; id++) {
                long[] window = expected.computeIfAbsent((id * 10 / 1000) + "," + (id % 5), k -> new long[] {Long.MAX_VALUE, 0});
                window[0] = Math.min(window[0], id);
                window[1]++;
            }
            List<String> expectedRows = expected.entrySet().stream()
                    .map(e -> e.getValue()[0] + "," + e.getKey().split(",")[1] + "," + e.getValue()[1]).sorted().toList();
            assertThat(lines(work.resolve("windows"))).as("every window count exact").isEqualTo(expectedRows);
            List<Long> ids = ids(out);
            assertThat(ids).hasSize(ROWS);
            assertThat(ids.stream().distinct().count()).isEqualTo(ROWS);
            assertThat(ids.stream().mapToLong(Long::longValue).sum()).isEqualTo((long) ROWS * (ROWS + 1) / 2);

            psql.query("CREATE TABLE ticks (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '300', "
                    + "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000')",
                    "SET 'execution.checkpointing.interval' = '1s'",
                    "CREATE MATERIALIZED VIEW tick_count AS SELECT COUNT(*) AS n FROM ticks");
            Thread.sleep(3000);
            long before = Long.parseLong(psql.query("SELECT n FROM tick_count"));
            assertThat(before).isPositive();
            server.stop();
            server.start();
            long after = Long.parseLong(new PsqlClient(server.port()).query("SELECT n FROM tick_count"));
            assertThat(after).as("resumed from the final checkpoint, not from zero").isGreaterThanOrEqualTo(before);
        }
    }

    /**
     * STOP JOB … WITH SAVEPOINT, then the same INSERT with {@code execution.savepoint.path}: the second
     * job continues where the first stopped, and every id is written exactly once; the savepoint does
     * not go into a statement that reads another table (the error names the operator).
     */
    @Test
    void aSavepointCarriesAJobIntoItsNextRun() throws Exception {
        Path out = work.resolve("saved");
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3000', "
                    + "'rows-per-second' = '1500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '3000')",
                    "CREATE TABLE other (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10', "
                            + "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '10')",
                    "CREATE TABLE saved (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                            + "', 'format' = 'csv')");
            String job = psql.query("SET 'execution.checkpointing.interval' = '200ms'", "INSERT INTO saved SELECT id FROM src");
            Thread.sleep(1000);
            String savepoint = psql.query("STOP JOB '" + job + "' WITH SAVEPOINT");
            assertThat(Path.of(savepoint)).exists();
            int before = ids(out).size();
            assertThat(before).isBetween(1, 2999);

            PsqlClient.Result wrong = psql.run("SET 'execution.savepoint.path' = '" + savepoint + "'",
                    "SET 'table.dml-sync' = 'true'", "INSERT INTO saved SELECT id FROM other");
            assertThat(wrong.stderr()).contains("Cannot restore").contains("Source(table=src");
            psql.query("SET 'execution.savepoint.path' = '" + savepoint + "'", "SET 'table.dml-sync' = 'true'",
                    "INSERT INTO saved SELECT id FROM src");
            List<Long> ids = ids(out);
            assertThat(ids).hasSize(3000);
            assertThat(ids.stream().distinct().count()).isEqualTo(3000);
        }
    }

    /** The lines of every visible (committed) file of {@code directory}, sorted. */
    private static List<String> lines(Path directory) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        return lines.stream().sorted().toList();
    }

    /** The ids in every visible (committed) file of {@code directory}. */
    private static List<Long> ids(Path directory) throws Exception {
        List<Long> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        ids.add(Long.parseLong(line.strip()));
                    }
                }
            }
        }
        return ids;
    }
}
