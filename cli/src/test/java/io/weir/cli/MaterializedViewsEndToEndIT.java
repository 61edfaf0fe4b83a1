package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Materialized views and SUBSCRIBE through psql and PostgreSQL JDBC: a view over bounded input
 * answers lookups with an independently computed aggregate (and again after a restart, when its job
 * starts over); a view over an unbounded rate-limited source keeps growing; DROP stops the view's
 * job; SUBSCRIBE through DECLARE/FETCH streams the changelog of a query and of a view.
 */
class MaterializedViewsEndToEndIT {
    private static final String SEQ = "CREATE TABLE seq (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = "
            + "'1000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000')";
    private static final String TICKS = "CREATE TABLE ticks (id BIGINT) WITH ('connector' = 'datagen', "
            + "'rows-per-second' = '200', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
            + "'fields.id.end' = '100000000')";

    @TempDir
    java.nio.file.Path work;

    @Test
    void viewsAnswerStayFreshAndStreamTheirChanges() throws Exception {
        String expected3 = LongStream.rangeClosed(1, 1000).filter(i -> i % 10 == 3).count() + "|"
                + LongStream.rangeClosed(1, 1000).filter(i -> i % 10 == 3).sum();
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query(SEQ, TICKS, "CREATE MATERIALIZED VIEW by_k AS SELECT MOD(id, 10) AS k, COUNT(*) AS n, "
                    + "SUM(id) AS s FROM seq GROUP BY MOD(id, 10)");
            assertThat(poll(psql, "SELECT n, s FROM by_k WHERE k = 3", expected3)).isEqualTo(expected3);
            assertThat(psql.query("SELECT SUM(n) FROM by_k")).isEqualTo("1000");
            assertThat(psql.query("\\dm")).contains("by_k|materialized view");

            psql.query("CREATE MATERIALIZED VIEW tick_count AS SELECT COUNT(*) AS n FROM ticks");
            long first = waitForPositive(psql, "SELECT n FROM tick_count");
            Thread.sleep(1500);
            long second = Long.parseLong(psql.query("SELECT n FROM tick_count"));
            assertThat(second).as("a streaming view grows").isGreaterThan(first);

            String cursor = psql.query("BEGIN", "DECLARE c CURSOR FOR SUBSCRIBE TO (SELECT id FROM ticks)",
                    "FETCH 5 c", "FETCH 5 c", "FETCH 5 c", "COMMIT");
            List<String> rows = cursor.lines().filter(l -> l.startsWith("+I|")).toList();
            assertThat(rows).as("every FETCH waits for rows").hasSizeGreaterThanOrEqualTo(3);
            long before = System.currentTimeMillis();
            for (int i = 0; i < rows.size(); i++) {
                String[] fields = rows.get(i).split("\\|");
                assertThat(fields[2]).isEqualTo(String.valueOf(i + 1));
                assertThat(java.time.OffsetDateTime.parse(fields[1].replace(' ', 'T') + ":00").toInstant().toEpochMilli())
                        .as("changed_at is a recent time").isBetween(before - 60_000, before + 1000);
            }
            String viewChanges = psql.query("BEGIN", "DECLARE v CURSOR FOR SUBSCRIBE by_k", "FETCH ALL v", "COMMIT");
            assertThat(viewChanges.lines().filter(l -> l.startsWith("+I|")).count()).as("the view's rows first")
                    .isEqualTo(10);

            Properties properties = new Properties();
            properties.setProperty("user", "weir");
            try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/weir",
                    properties); Statement statement = jdbc.createStatement()) {
                jdbc.setAutoCommit(false);
                statement.execute("DECLARE j CURSOR FOR SUBSCRIBE TO (SELECT id * 2 AS twice FROM ticks)");
                List<Long> values = new ArrayList<>();
                while (values.size() < 5) {
                    try (ResultSet result = statement.executeQuery("FETCH 5 j")) {
                        assertThat(result.getMetaData().getColumnName(1)).isEqualTo("op");
                        while (result.next()) {
                            values.add(result.getLong("twice"));
                        }
                    }
                }
                assertThat(values.subList(0, 5)).containsExactly(2L, 4L, 6L, 8L, 10L);
                jdbc.commit();
            }

            try (Connection weir = DriverManager.getConnection("jdbc:weir://127.0.0.1:" + server.port() + "/weir",
                    properties); io.weir.jdbc.WeirSubscription changes = io.weir.jdbc.WeirSubscription.open(weir,
                            "by_k", 4)) {
                long total = 0;
                for (int i = 0; i < 10; i++) {
                    io.weir.jdbc.WeirSubscription.Change change = changes.next();
                    assertThat(change.kind()).isEqualTo("+I");
                    assertThat(change.changedAt()).isNotNull();
                    total += ((Number) change.values().get(1)).longValue();
                }
                assertThat(changes.columns()).containsExactly("k", "n", "s");
                assertThat(total).as("the view's rows through the Weir driver's iterator").isEqualTo(1000);
            }

            // a view over a view follows it: its rows move as the inner view's do
            psql.query("CREATE MATERIALIZED VIEW tick_twice AS SELECT n * 2 AS d FROM tick_count");
            long d1 = waitForPositive(psql, "SELECT d FROM tick_twice");
            Thread.sleep(1500);
            long d2 = Long.parseLong(psql.query("SELECT d FROM tick_twice"));
            long n = Long.parseLong(psql.query("SELECT n FROM tick_count"));
            assertThat(d2).as("the outer view follows the inner one").isGreaterThan(d1).isLessThanOrEqualTo(2 * n);
            assertThat(d2 % 2).isZero();
            psql.query("DROP MATERIALIZED VIEW tick_twice");

            psql.query("DROP MATERIALIZED VIEW tick_count");
            assertThat(psql.query("SHOW JOBS")).contains("insert-into_tick_count|CANCELED");
            assertThat(psql.run("SELECT n FROM tick_count").stderr()).contains("tick_count");
        }
        try (TestServer restarted = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(restarted.port());
            assertThat(poll(psql, "SELECT n, s FROM by_k WHERE k = 3", expected3)).as("after a restart")
                    .isEqualTo(expected3);
        }
    }

    private static String poll(PsqlClient psql, String query, String expected) throws Exception {
        String got = "";
        for (int i = 0; i < 100; i++) {
            got = psql.query(query);
            if (got.equals(expected)) {
                break;
            }
            Thread.sleep(100);
        }
        return got;
    }

    private static long waitForPositive(PsqlClient psql, String query) throws Exception {
        for (int i = 0; i < 100; i++) {
            String got = psql.query(query);
            if (!got.isEmpty() && Long.parseLong(got) > 0) {
                return Long.parseLong(got);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no rows in the view after 10 s");
    }
}
