package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHOW WORKERS, SHOW MATERIALIZED VIEWS, SHOW CHECKPOINTS FOR JOB and SHOW WATERMARKS FOR JOB as
 * ordinary result sets through psql, for a running streaming job with checkpoints every 200 ms and
 * an event-time window.
 */
class IntrospectionEndToEndIT {
    @TempDir
    java.nio.file.Path work;

    @Test
    void runtimeStateIsQueryable() throws Exception {
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            assertThat(psql.query("SHOW WORKERS")).matches("embedded\\|in-process\\|\\d+\\|\\d+\\|.+");
            psql.query("CREATE TABLE ev (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 100, 3), WATERMARK FOR ts AS ts - "
                    + "INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '100', "
                    + "'fields.id.kind' = 'random')",
                    "CREATE TABLE counts (k BIGINT, n BIGINT) WITH ('connector' = 'blackhole')");
            String job = psql.query("SET 'execution.checkpointing.interval' = '200ms'",
                    "INSERT INTO counts SELECT MOD(id, 3), COUNT(*) FROM ev GROUP BY MOD(id, 3)");
            String checkpoints = "";
            for (int i = 0; i < 50 && !checkpoints.contains("COMPLETED"); i++) {
                Thread.sleep(100);
                checkpoints = psql.query("SHOW CHECKPOINTS FOR JOB '" + job + "'");
            }
            assertThat(checkpoints.lines().findFirst().orElse("")).matches("\\d+\\|COMPLETED\\|.+\\|\\d+\\|\\d+");
            String watermarks = "";
            for (int i = 0; i < 50 && watermarks.isEmpty(); i++) {
                Thread.sleep(100);
                watermarks = psql.query("SHOW WATERMARKS FOR JOB '" + job + "'");
            }
            assertThat(watermarks).contains("Source: ev").contains("generated from the rows read");
            assertThat(psql.run("SHOW CHECKPOINTS FOR JOB 'nope'").stderr()).contains("does not exist");
            psql.query("CREATE TABLE three (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3')",
                    "CREATE MATERIALIZED VIEW v1 AS SELECT COUNT(*) AS n FROM three");
            assertThat(List.of(psql.query("SHOW MATERIALIZED VIEWS").split("\n"))).containsExactly("v1");
            assertThat(psql.query("SHOW TABLES")).doesNotContain("v1");
        }
    }

    /**
     * A checkpointed job that fails is restarted from its latest checkpoint (Flink's default
     * exponential-delay strategy), showing RESTARTING and the failure meanwhile; with
     * {@code 'restart-strategy.type' = 'none'} it stays FAILED with its reason.
     */
    @Test
    void failedCheckpointedJobsRestartUnlessTheStrategySaysNone() throws Exception {
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '500', "
                    + "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000')",
                    "CREATE TABLE sink (x BIGINT) WITH ('connector' = 'blackhole')");
            String query = "INSERT INTO sink SELECT 1000 / (id - 300) FROM src";
            String restarting = psql.query("SET 'execution.checkpointing.interval' = '100ms'", query);
            String status = "";
            for (int i = 0; i < 100 && !status.contains("RESTARTING"); i++) {
                Thread.sleep(50);
                status = line(psql.query("SHOW JOBS"), restarting);
            }
            assertThat(status).contains("RESTARTING").contains("Division");
            psql.query("STOP JOB '" + restarting + "'");

            String failing = psql.query("SET 'execution.checkpointing.interval' = '100ms'",
                    "SET 'restart-strategy.type' = 'none'", query);
            for (int i = 0; i < 100 && !status.contains("FAILED"); i++) {
                Thread.sleep(50);
                status = line(psql.query("SHOW JOBS"), failing);
            }
            Thread.sleep(1500);
            assertThat(line(psql.query("SHOW JOBS"), failing)).contains("|FAILED|").contains("Division");

            PsqlClient.Result badBackend = psql.run("SET 'state.backend.type' = 'disk'", "SET 'table.dml-sync' = 'true'",
                    "INSERT INTO sink SELECT id FROM src");
            assertThat(badBackend.stderr()).contains("state.backend.type").contains("hashmap, rocksdb");
        }
    }

    private static String line(String jobs, String id) {
        return jobs.lines().filter(l -> l.startsWith(id)).findFirst().orElse("");
    }
}
