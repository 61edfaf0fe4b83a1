package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 'table.exec.state.ttl'} end to end: rows come from PostgreSQL through {@code postgres-cdc}
 * while a PgJDBC client reads a {@code SUBSCRIBE} cursor. With a TTL of 2 s, a GROUP BY key that gets
 * no row for longer starts a new count ({@code +I}, nothing retracted), and a join no longer matches
 * a row stored longer ago, as Flink behaves; rows closer together than the TTL aggregate and join as
 * without one. The waits are longer than the TTL (state expires by processing time); nothing asserts
 * how fast anything happens. psql checks the error for a bad value.
 */
class StateTtlEndToEndIT {
    /** Longer than the TTL of 2 s, with room for the stream's own delay. */
    private static final long PAST_TTL_MILLIS = 4500;

    @TempDir
    Path work;

    @Test
    void keysAndJoinedRowsNotWrittenForTheTtlAreForgotten() throws Exception {
        try (PostgresCluster postgres = PostgresCluster.start(); TestServer server = new TestServer(work.resolve("data"))) {
            try (Connection shop = createShop(postgres)) {
                execute(shop, "CREATE TABLE events (id BIGINT PRIMARY KEY, k TEXT NOT NULL)",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer BIGINT NOT NULL)");
                PsqlClient psql = new PsqlClient(server.port());
                for (String table : List.of("events", "customers", "orders")) {
                    psql.query(source(postgres, table));
                }
                PsqlClient.Result bad = psql.run("SET 'table.exec.state.ttl' = 'soon'");
                assertThat(bad.exitCode()).isNotZero();
                assertThat(bad.stderr()).contains("22023").contains("Invalid value 'soon' for 'table.exec.state.ttl': "
                        + "expected a duration such as '0' (no TTL), '1000 ms', '10 s', '1 min' or '1 h'");

                try (Connection weir = connect(server); Statement statement = weir.createStatement()) {
                    statement.execute("SET 'table.exec.state.ttl' = '2 s'");
                    statement.execute("DECLARE g CURSOR FOR SUBSCRIBE TO (SELECT k, COUNT(*) AS n FROM events_src "
                            + "GROUP BY k)");
                    execute(shop, "INSERT INTO events VALUES (1, 'a'), (2, 'a')");
                    assertThat(fetch(statement, "g", 3)).containsExactly("+I|a|1", "-U|a|1", "+U|a|2");
                    Thread.sleep(PAST_TTL_MILLIS);
                    execute(shop, "INSERT INTO events VALUES (3, 'a'), (4, 'a')");
                    assertThat(fetch(statement, "g", 3)).as("a new count: the old one expired")
                            .containsExactly("+I|a|1", "-U|a|1", "+U|a|2");
                    weir.commit();

                    statement.execute("DECLARE j CURSOR FOR SUBSCRIBE TO (SELECT o.id, c.name FROM orders_src o "
                            + "JOIN customers_src c ON o.customer = c.id)");
                    execute(shop, "INSERT INTO customers VALUES (1, 'ann')", "INSERT INTO orders VALUES (10, 1)");
                    assertThat(fetch(statement, "j", 1)).containsExactly("+I|10|ann");
                    Thread.sleep(PAST_TTL_MILLIS);
                    // customer 1 expired: order 11 matches nothing; customer 2 and order 12 are fresh and join
                    execute(shop, "INSERT INTO orders VALUES (11, 1)", "INSERT INTO customers VALUES (2, 'bob')",
                            "INSERT INTO orders VALUES (12, 2)");
                    assertThat(fetch(statement, "j", 1)).as("the expired customer joins no more")
                            .containsExactly("+I|12|bob");
                    weir.commit();
                }
            }
        }
    }

    /** The next {@code count} changes of cursor {@code cursor}, as {@code op|column|column}, without changed_at. */
    private static List<String> fetch(Statement statement, String cursor, int count) throws SQLException {
        List<String> rows = new ArrayList<>();
        while (rows.size() < count) {
            try (ResultSet result = statement.executeQuery("FETCH " + (count - rows.size()) + " " + cursor)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder(result.getString(1));
                    for (int c = 3; c <= columns; c++) {
                        row.append('|').append(result.getString(c));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static String source(PostgresCluster postgres, String table) {
        String columns = switch (table) {
            case "events" -> "id BIGINT, k STRING";
            case "customers" -> "id BIGINT, name STRING";
            default -> "id BIGINT, customer BIGINT";
        };
        return "CREATE TABLE " + table + "_src (" + columns + ", PRIMARY KEY (id) NOT ENFORCED) WITH ("
                + "'connector' = 'postgres-cdc', 'hostname' = '127.0.0.1', 'port' = '" + postgres.port()
                + "', 'username' = 'postgres', 'password' = 'unused', 'database-name' = 'shop', "
                + "'schema-name' = 'public', 'table-name' = '" + table + "', 'slot.name' = 'weir_ttl_" + table + "')";
    }

    private static Connection connect(TestServer server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "weir");
        // a FETCH that never gets its rows fails the test instead of hanging it
        properties.setProperty("socketTimeout", "120");
        Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/weir",
                properties);
        connection.setAutoCommit(false);
        return connection;
    }

    private static Connection createShop(PostgresCluster postgres) throws SQLException {
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "")) {
            execute(admin, "CREATE DATABASE shop");
        }
        return DriverManager.getConnection(postgres.jdbcUrl("shop"), "postgres", "");
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
