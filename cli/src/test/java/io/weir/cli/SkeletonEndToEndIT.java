package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: an embedded server, the real psql binary and the PostgreSQL
 * JDBC driver (through Weir's jdbc-driver), CSV files written here, and expected answers computed
 * here in Java from the same rows.
 */
class SkeletonEndToEndIT {
    private static final String[] CITIES = {"Oslo", "Lima", "Pune", "Kyiv", "Accra"};

    @TempDir
    static Path work;

    private static TestServer server;
    private static PsqlClient psql;
    private static List<Trip> trips;

    record Trip(long id, String city, BigDecimal fare, String ts) {
    }

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(work.resolve("data"));
        psql = new PsqlClient(server.port());
        Random random = new Random(42);
        trips = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            int second = random.nextInt(86400);
            trips.add(new Trip(i, CITIES[random.nextInt(CITIES.length)],
                    BigDecimal.valueOf(100 + random.nextInt(9900), 2),
                    String.format("2026-03-01 %02d:%02d:%02d.000", second / 3600, second / 60 % 60, second % 60)));
        }
        Files.createDirectories(work.resolve("trips"));
        Files.write(work.resolve("trips/trips.csv"), trips.stream()
                .map(t -> t.id() + "," + t.city() + "," + t.fare().toPlainString() + "," + t.ts()).toList());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void createTrips(String name) throws Exception {
        psql.query("CREATE TABLE IF NOT EXISTS " + name + " (trip_id BIGINT, city STRING, fare DECIMAL(10, 2), "
                + "ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("trips")
                + "', 'format' = 'csv')");
    }

    @Test
    void groupByOverCsvMatchesAnIndependentAnswer() throws Exception {
        createTrips("trips");
        Map<String, List<Trip>> byCity = trips.stream().filter(t -> t.fare().compareTo(BigDecimal.valueOf(5)) > 0)
                .collect(Collectors.groupingBy(Trip::city, TreeMap::new, Collectors.toList()));
        String expected = byCity.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue().size() + "|"
                + e.getValue().stream().map(Trip::fare).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString())
                .collect(Collectors.joining("\n"));
        assertThat(psql.query("SELECT city, COUNT(*), SUM(fare) FROM trips WHERE fare > 5 GROUP BY city ORDER BY city"))
                .isEqualTo(expected);
    }

    @Test
    void orderByLimitWithExpressions() throws Exception {
        createTrips("trips");
        String expected = trips.stream()
                .sorted((a, b) -> a.fare().compareTo(b.fare()) != 0 ? b.fare().compareTo(a.fare())
                        : Long.compare(a.id(), b.id()))
                .limit(3).map(t -> t.id() + "|" + t.city().toUpperCase() + "|" + t.fare().multiply(BigDecimal.valueOf(2)))
                .collect(Collectors.joining("\n"));
        assertThat(psql.query("SELECT trip_id, UPPER(city), fare * 2 FROM trips ORDER BY fare DESC, trip_id LIMIT 3"))
                .isEqualTo(expected);
    }

    @Test
    void insertIntoCsvSinkWritesEveryRowOnceAndShowsTheJob() throws Exception {
        createTrips("trips");
        Path out = work.resolve("oslo");
        psql.query("CREATE TABLE oslo (trip_id BIGINT, fare DECIMAL(10, 2)) WITH ('connector' = 'filesystem', "
                + "'path' = '" + out + "', 'format' = 'csv')");
        psql.query("SET 'table.dml-sync' = 'true'",
                "INSERT INTO oslo SELECT trip_id, fare FROM trips WHERE city = 'Oslo'");
        List<String> expected = trips.stream().filter(t -> t.city().equals("Oslo"))
                .map(t -> t.id() + "," + t.fare().toPlainString()).sorted().toList();
        List<String> written;
        try (Stream<Path> files = Files.walk(out)) {
            written = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).filter(line -> !line.isEmpty()).sorted().toList();
        }
        assertThat(written).isEqualTo(expected);
        assertThat(psql.query("SHOW JOBS")).contains("insert-into_oslo").contains("FINISHED");
    }

    @Test
    void datagenSequenceAggregates() throws Exception {
        psql.query("CREATE TABLE seq (id BIGINT, name STRING) WITH ('connector' = 'datagen', "
                + "'number-of-rows' = '1000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                + "'fields.id.end' = '1000', 'fields.name.length' = '8')");
        assertThat(psql.query("SELECT COUNT(*), SUM(id), MIN(id), MAX(id) FROM seq")).isEqualTo("1000|500500|1|1000");
        assertThat(psql.query("SET 'parallelism.default' = '2'", "SELECT COUNT(*), SUM(id) FROM seq"))
                .isEqualTo("1000|500500");
        assertThat(psql.query("SELECT MAX(CHAR_LENGTH(name)) FROM seq")).isEqualTo("8");
    }

    @Test
    void unboundedSelectNeedsALimit() throws Exception {
        psql.query("CREATE TABLE endless (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'random')");
        PsqlClient.Result refused = psql.run("SELECT id FROM endless");
        assertThat(refused.stderr()).contains("0A000").contains("LIMIT");
        assertThat(psql.query("SELECT id FROM endless LIMIT 5").lines().count()).isEqualTo(5);
    }

    @Test
    void errorsCarrySqlStateAndPositionAndTheServerLivesOn() throws Exception {
        PsqlClient.Result syntax = psql.run("SELEC 1");
        assertThat(syntax.exitCode()).isNotZero();
        assertThat(syntax.stderr()).contains("42601").contains("LINE 1: SELEC 1").contains("^");
        assertThat(psql.run("SELECT * FROM no_such_table").stderr()).contains("42P01").contains("no_such_table");
        assertThat(psql.run("CREATE TABLE bad (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = 'many')")
                .stderr()).contains("number-of-rows").contains("many");
        assertThat(psql.run("CREATE TABLE bad2 (a INT) WITH ('connector' = 'no-such-connector')").stderr())
                .contains("datagen").contains("filesystem");
        assertThat(psql.query("SELECT 1")).isEqualTo("1");
    }

    @Test
    void severalStatementsInOneQueryMessage() throws Exception {
        assertThat(psql.query("SELECT 1; SELECT 'two'; VALUES (3), (4)")).isEqualTo("1\ntwo\n3\n4");
    }

    @Test
    void jdbcSeesTypesAndValues() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:weir://127.0.0.1:" + server.port() + "/weir");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT CAST(1 AS BIGINT) AS b, CAST(2.50 AS DECIMAL(10, 2)) AS d, 'x' AS s, TRUE AS t, "
                                + "CAST(NULL AS INT) AS n")) {
            ResultSetMetaData meta = rows.getMetaData();
            assertThat(meta.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(meta.getColumnType(2)).isEqualTo(Types.NUMERIC);
            assertThat(meta.getColumnType(4)).isEqualTo(Types.BIT);
            assertThat(meta.getColumnType(5)).isEqualTo(Types.INTEGER);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(1L);
            assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("2.50");
            assertThat(rows.getString(3)).isEqualTo("x");
            assertThat(rows.getBoolean(4)).isTrue();
            assertThat(rows.getObject(5)).isNull();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void jdbcErrorsCarrySqlState() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:weir://127.0.0.1:" + server.port() + "/weir");
                Statement statement = connection.createStatement()) {
            try {
                statement.executeQuery("SELECT nope FROM no_such_table");
                throw new AssertionError("expected an error");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("42P01");
            }
            try (ResultSet rows = statement.executeQuery("SELECT 41 + 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void stopJobCancelsARunningInsert() throws Exception {
        psql.query("CREATE TABLE IF NOT EXISTS ticks (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '50')",
                "CREATE TABLE IF NOT EXISTS nowhere (id BIGINT) WITH ('connector' = 'blackhole')");
        String jobId = psql.query("INSERT INTO nowhere SELECT id FROM ticks");
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThat(psql.query("SHOW JOBS")).contains(jobId + "|insert-into_nowhere|RUNNING");
        psql.query("STOP JOB '" + jobId + "'");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!psql.query("SHOW JOBS").contains(jobId + "|insert-into_nowhere|CANCELED")) {
            assertThat(System.currentTimeMillis()).as("job cancelled within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(psql.run("STOP JOB 'no-such-job'").stderr()).contains("no-such-job");
    }

    @Test
    void cancelRequestStopsARunningStatement() throws Exception {
        psql.query("CREATE TABLE IF NOT EXISTS slow (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '10')",
                "CREATE TABLE IF NOT EXISTS sink_slow (id BIGINT) WITH ('connector' = 'blackhole')");
        try (Connection connection = DriverManager.getConnection("jdbc:weir://127.0.0.1:" + server.port() + "/weir");
                Statement statement = connection.createStatement()) {
            statement.execute("SET 'table.dml-sync' = 'true'");
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                    statement.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            long started = System.nanoTime();
            try {
                statement.execute("INSERT INTO sink_slow SELECT id FROM slow");
                throw new AssertionError("the unbounded INSERT should have been cancelled");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("57014");
            }
            canceller.join();
            assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
            try (ResultSet rows = statement.executeQuery("SELECT 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void explainShowsThePlanAndTheJobGraph() throws Exception {
        createTrips("trips");
        String plan = psql.query("SET 'parallelism.default' = '2'", "EXPLAIN SELECT city, COUNT(*) FROM trips GROUP BY city");
        assertThat(plan).contains("== Optimized Logical Plan ==").contains("LogicalAggregate")
                .contains("== Job Graph ==").contains("GlobalAggregate").contains("HASH").doesNotContain("ERROR");
    }

    @Test
    void describeAndShowCreateTable() throws Exception {
        psql.query("CREATE TABLE described (id BIGINT NOT NULL, name STRING, ts TIMESTAMP(3), "
                + "id2 AS id * 2, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND, PRIMARY KEY (id) NOT ENFORCED) "
                + "WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
        assertThat(psql.query("DESCRIBE described")).contains("id|BIGINT|false|PRI(id)")
                .contains("id2|BIGINT").contains("AS ").contains("ts|TIMESTAMP(3)");
        String ddl = psql.query("SHOW CREATE TABLE described");
        assertThat(ddl).contains("CREATE TABLE").contains("WATERMARK FOR").contains("'connector' = 'datagen'");
        assertThat(psql.query("SELECT COUNT(*), SUM(id2) - 2 * SUM(id) FROM described")).isEqualTo("10|0");
    }

    @Test
    void httpApiListsJobs() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/jobs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"jobs\":[");
    }
}
