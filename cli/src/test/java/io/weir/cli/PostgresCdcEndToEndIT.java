package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.testing.PostgresCluster;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL to files through {@code postgres-cdc}, exactly once across crashes: a server process
 * snapshots a 200,000-row table and streams its inserts, updates and deletes into a
 * {@code debezium-json} filesystem table, with checkpoints every second; it is killed with SIGKILL
 * once during the snapshot and once while streaming, and started again on the same data directory
 * (its job resumes by itself). The committed files, replayed strictly per key in commit order (the
 * {@code lsn} metadata column), must equal PostgreSQL's own table, with no change twice.
 */
class PostgresCdcEndToEndIT {
    private static final int ROWS = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aKilledServerResumesSnapshotAndStreamExactlyOnce() throws Exception {
        Path out = work.resolve("lake");
        try (PostgresCluster postgres = PostgresCluster.start();
                ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"))) {
            try (Connection shop = createShop(postgres)) {
                execute(shop, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, "
                        + "amount NUMERIC(12, 2) NOT NULL, updated_at TIMESTAMP(3) NOT NULL DEFAULT clock_timestamp())",
                        "ALTER TABLE orders REPLICA IDENTITY FULL",
                        "INSERT INTO orders (id, customer, amount) SELECT g, 'c' || (g % 97), (g % 10000) / 100.0 "
                                + "FROM generate_series(1, " + ROWS + ") g");
                server.start();
                PsqlClient psql = new PsqlClient(server.port());
                psql.query("CREATE TABLE orders_src (id BIGINT, customer STRING, amount DECIMAL(12, 2), "
                        + "updated_at TIMESTAMP(3), lsn BIGINT METADATA FROM 'lsn' VIRTUAL, "
                        + "PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'postgres-cdc', "
                        + "'hostname' = '127.0.0.1', 'port' = '" + postgres.port() + "', 'username' = 'postgres', "
                        + "'password' = 'unused', 'database-name' = 'shop', 'schema-name' = 'public', "
                        + "'table-name' = 'orders', 'slot.name' = 'weir_orders', 'heartbeat.interval' = '1 s')",
                        "CREATE TABLE lake (id BIGINT, customer STRING, amount DECIMAL(12, 2), updated_at TIMESTAMP(3), "
                                + "lsn BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out + "', "
                                + "'format' = 'debezium-json')");
                assertThat(psql.query("SHOW CREATE TABLE orders_src")).as("the password is hidden")
                        .contains("'connector' = 'postgres-cdc'").doesNotContain("unused");
                long submitted = System.nanoTime();
                psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '2'",
                        "SET 'execution.checkpointing.interval' = '1s'",
                        "INSERT INTO lake SELECT id, customer, amount, updated_at, lsn FROM orders_src");

                // the snapshot runs while its temporary slot exists: kill the server in the middle of it
                waitFor(() -> snapshotRunning(shop), 60_000, "the snapshot to start");
                waitFor(() -> !events(out).isEmpty() || !snapshotRunning(shop), 60_000, "a checkpoint to commit rows");
                Thread.sleep(300);
                boolean midSnapshot = snapshotRunning(shop);
                int beforeKill = events(out).size();
                server.kill();
                System.out.printf("killed %s the snapshot, %d events committed%n",
                        midSnapshot ? "during" : "after", beforeKill);
                // on a fast machine the snapshot may be whole before the kill; then the kill lands between
        // the snapshot and the stream, which must resume just as exactly
        assertThat(beforeKill).as("rows committed before the kill").isBetween(1, ROWS);
                server.start();
                // no change yet: the snapshot is complete when exactly the table's rows are committed
                waitFor(() -> events(out).size() >= ROWS, 180_000, "the resumed snapshot to finish");
                assertThat(replay(events(out))).as("the snapshot alone, resumed").isEqualTo(table(shop));

                long next = ROWS + 1;
                for (int round = 1; round <= 12; round++) {
                    execute(shop, "INSERT INTO orders (id, customer, amount) SELECT g, 'n' || g, 1.25 FROM "
                            + "generate_series(" + next + ", " + (next + 199) + ") g",
                            "UPDATE orders SET amount = amount + 1, updated_at = clock_timestamp() WHERE id % 50 = "
                                    + round,
                            "DELETE FROM orders WHERE id % 333 = " + round);
                    next += 200;
                    if (round == 8) {
                        server.kill();
                        System.out.println("killed while streaming");
                        server.start();
                    }
                    Thread.sleep(700);
                }
                Map<Long, List<Object>> expected = table(shop);
                long deadline = System.currentTimeMillis() + 180_000;
                Map<Long, List<Object>> replayed = Map.of();
                while (System.currentTimeMillis() < deadline) {
                    replayed = replay(events(out));
                    if (replayed.equals(expected)) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                System.out.printf("replayed %d events in %.1f s after submission%n", events(out).size(),
                        (System.nanoTime() - submitted) / 1e9);
                assertThat(replayed).as("the lake replays to exactly the source table").isEqualTo(expected);
                // idle now: heartbeats and checkpoints must carry the slot past the last change
                String walEnd = query(shop, "SELECT pg_current_wal_lsn()::text");
                waitFor(() -> query(shop, "SELECT confirmed_flush_lsn >= '" + walEnd + "'::pg_lsn FROM "
                        + "pg_replication_slots WHERE slot_name = 'weir_orders'").equals("t"), 30_000,
                        "the slot to be confirmed up to " + walEnd);
                // the delay from a commit in PostgreSQL to its row in a committed file (checkpoints every second)
                long total = 0;
                for (int i = 0; i < 5; i++) {
                    long id = 1_000_000 + i;
                    long committed = System.nanoTime();
                    execute(shop, "INSERT INTO orders (id, customer, amount) VALUES (" + id + ", 'late', 9.99)");
                    waitFor(() -> events(out).stream().anyMatch(e -> e.id() == id), 30_000, "row " + id);
                    total += System.nanoTime() - committed;
                }
                System.out.printf("commit to committed file: %.0f ms on average%n", total / 5 / 1e6);
            } finally {
                // kept for a failing run: the temporary directory goes away
                Files.copy(work.resolve("server.log"), Path.of("target", "postgres-cdc-e2e-server.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("shop"), "postgres", "")) {
                    server.close();
                    Thread.sleep(500);
                    execute(admin, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                            + "WHERE NOT active");
                }
            }
        }
    }

    /**
     * A streaming GROUP BY over a CDC table, kept as a materialized view, follows inserts, updates
     * (retracting the old amounts) and deletes: it equals PostgreSQL's own GROUP BY of the table.
     * The {@code table_name} metadata column is grouped on too.
     */
    @Test
    void aMaterializedViewOverACdcTableEqualsPostgresAggregation() throws Exception {
        try (PostgresCluster postgres = PostgresCluster.start();
                ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"))) {
            try (Connection shop = createShop(postgres)) {
                execute(shop, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, "
                        + "amount NUMERIC(12, 2) NOT NULL)", "ALTER TABLE orders REPLICA IDENTITY FULL",
                        "INSERT INTO orders SELECT g, 'c' || (g % 13), (g % 1000) / 10.0 FROM generate_series(1, 5000) g");
                server.start();
                PsqlClient psql = new PsqlClient(server.port());
                psql.query("CREATE TABLE src (id BIGINT, customer STRING, amount DECIMAL(12, 2), "
                        + "tbl STRING METADATA FROM 'table_name' VIRTUAL, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'postgres-cdc', 'hostname' = '127.0.0.1', 'port' = '" + postgres.port()
                        + "', 'username' = 'postgres', 'password' = 'unused', 'database-name' = 'shop', "
                        + "'table-name' = 'orders', 'slot.name' = 'weir_view')",
                        "SET 'execution.checkpointing.interval' = '1s'",
                        "CREATE MATERIALIZED VIEW by_customer AS SELECT customer, tbl, COUNT(*) AS n, "
                                + "SUM(amount) AS total FROM src GROUP BY customer, tbl");
                String expectedQuery = "SELECT customer || '|orders|' || count(*) || '|' || sum(amount) FROM orders "
                        + "GROUP BY customer ORDER BY 1";
                waitFor(() -> view(psql).equals(lines(shop, expectedQuery)), 60_000, "the view's snapshot");
                execute(shop, "UPDATE orders SET amount = amount + 1.5 WHERE id % 7 = 0",
                        "UPDATE orders SET customer = 'moved' WHERE id % 11 = 0",
                        "DELETE FROM orders WHERE id % 5 = 0",
                        "INSERT INTO orders SELECT g, 'new', 2 FROM generate_series(10001, 10500) g");
                List<String> expected = lines(shop, expectedQuery);
                try {
                    waitFor(() -> view(psql).equals(expected), 60_000, "the view to follow the changes");
                } finally {
                    Files.copy(work.resolve("server.log"), Path.of("target", "postgres-cdc-view-server.log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                assertThat(view(psql)).isEqualTo(expected);
                server.close();
                Thread.sleep(500);
                execute(shop, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
            }
        }
    }

    /** A connection to the new database {@code shop} of {@code postgres}. */
    private static Connection createShop(PostgresCluster postgres) throws Exception {
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "")) {
            execute(admin, "CREATE DATABASE shop");
        }
        return DriverManager.getConnection(postgres.jdbcUrl("shop"), "postgres", "");
    }

    private static List<String> view(PsqlClient psql) throws Exception {
        String out = psql.query("SELECT customer || '|' || tbl || '|' || CAST(n AS STRING) || '|' || "
                + "CAST(total AS STRING) FROM by_customer");
        return out.lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    private static List<String> lines(Connection connection, String sql) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines.stream().sorted().toList();
    }

    /** One committed change: a row and whether it is added ({@code c}) or retracted ({@code d}). */
    private record Event(long id, List<Object> row, boolean add, long lsn) {
    }

    /**
     * Applies the changes key by key in commit order (a retraction before an addition within one
     * transaction), strictly: adding a present key or retracting a row that is not the present one
     * is a duplicate or a gap, and fails.
     */
    private static Map<Long, List<Object>> replay(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(Event::id).thenComparingLong(Event::lsn).thenComparing(Event::add));
        Map<Long, List<Object>> state = new TreeMap<>();
        for (Event event : ordered) {
            if (event.add()) {
                if (state.containsKey(event.id())) {
                    throw new AssertionError("duplicate: " + event + " while " + state.get(event.id()) + " is present");
                }
                state.put(event.id(), event.row());
            } else if (!event.row().equals(state.remove(event.id()))) {
                throw new AssertionError("retraction of a row that is not present: " + event);
            }
        }
        return state;
    }

    private static List<Event> events(Path directory) throws Exception {
        List<Event> events = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return events;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    boolean add = node.get("op").asText().equals("c");
                    JsonNode row = add ? node.get("after") : node.get("before");
                    events.add(new Event(row.get("id").asLong(), List.of(row.get("id").asLong(),
                            row.get("customer").asText(), new BigDecimal(row.get("amount").asText()).stripTrailingZeros()),
                            add, row.get("lsn").asLong()));
                }
            }
        }
        return events;
    }

    private static Map<Long, List<Object>> table(Connection connection) throws Exception {
        Map<Long, List<Object>> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, customer, amount FROM orders")) {
            while (result.next()) {
                rows.put(result.getLong(1), List.of(result.getLong(1), result.getString(2),
                        result.getBigDecimal(3).stripTrailingZeros()));
            }
        }
        return rows;
    }

    private static boolean snapshotRunning(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'weir_orders_snap_%'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private static String query(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, long millis, String what) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void execute(Connection connection, String... statements) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
