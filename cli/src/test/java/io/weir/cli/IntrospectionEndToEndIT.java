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
}
