package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PgStatement;

/**
 * The PostgreSQL extended query protocol end to end, with PgJDBC in its default mode (extended
 * protocol, server-side prepare after 5 executions, binary transfer): prepared statements with
 * typed and untyped parameters, portal suspension under setFetchSize, errors that leave the
 * connection usable, and BEGIN/COMMIT through setAutoCommit(false). Expected answers are computed
 * here from the same generated rows.
 */
class ExtendedProtocolEndToEndIT {
    @TempDir
    static Path work;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(work.resolve("data"));
        Path csv = work.resolve("items.csv");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            lines.add(i + ",item" + i + "," + (i * 3) + "." + (i % 10) + "0,2026-03-" + String.format("%02d", 1 + i % 28)
                    + " 10:00:" + String.format("%02d", i % 60) + ".000");
        }
        Files.write(csv, lines);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE seq (id BIGINT, name STRING) WITH ('connector' = 'datagen', "
                    + "'number-of-rows' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '100')");
            statement.execute("CREATE TABLE items (id INT, name STRING, price DECIMAL(10, 2), ts TIMESTAMP(3)) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + csv + "', 'format' = 'csv')");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/weir", "weir", "");
    }

    @Test
    void preparedStatementWithTypedParametersAcrossServerSidePrepare() throws Exception {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM seq WHERE id > ? AND id <= ?")) {
            // more executions than prepareThreshold (5): the statement becomes a named server-side one
            for (int i = 0; i < 8; i++) {
                statement.setLong(1, i * 10L);
                statement.setLong(2, i * 10L + 25);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    long expected = Math.min(100, i * 10L + 25) - i * 10L;
                    assertThat(rows.getLong(1)).as("execution %d", i).isEqualTo(expected);
                }
            }
            assertThat(((PgStatement) statement.unwrap(PgStatement.class)).isUseServerPrepare()).isTrue();
        }
    }

    @Test
    void untypedAndTextParametersAreInferredFromTheQuery() throws Exception {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, name, price, ts FROM items WHERE name = ? OR ts < ? OR price = ? ORDER BY id")) {
            statement.setString(1, "item7");
            statement.setTimestamp(2, Timestamp.valueOf("2026-03-03 00:00:00"));
            statement.setBigDecimal(3, new BigDecimal("60.00"));
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            // independently: day = 1 + i % 28 < 3 means i % 28 in {0, 1}; price 60.00 is i = 20 (60.0 + "0")
            List<Integer> expected = IntStream.rangeClosed(1, 50)
                    .filter(i -> i == 7 || (1 + i % 28) < 3 || (i * 3 == 60 && i % 10 == 0))
                    .boxed().collect(Collectors.toList());
            assertThat(ids).isEqualTo(expected);
        }
    }

    @Test
    void binaryResultsAfterServerSidePrepare() throws Exception {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, name, price, ts, CAST(ts AS DATE) AS d, id * 1.5e0 AS f, id > 25 AS big "
                                + "FROM items WHERE id = ?")) {
            connection.unwrap(PGConnection.class).setPrepareThreshold(1);
            for (int i = 1; i <= 3; i++) {
                int id = 10 + i;
                statement.setInt(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt("id")).isEqualTo(id);
                    assertThat(rows.getString("name")).isEqualTo("item" + id);
                    assertThat(rows.getBigDecimal("price")).isEqualByComparingTo(id * 3 + "." + id % 10 + "0");
                    String day = String.format("2026-03-%02d", 1 + id % 28);
                    assertThat(rows.getTimestamp("ts")).isEqualTo(Timestamp.valueOf(day + " 10:00:"
                            + String.format("%02d", id % 60) + ".0"));
                    assertThat(rows.getDate("d")).isEqualTo(Date.valueOf(day));
                    assertThat(rows.getDouble("f")).isEqualTo(id * 1.5);
                    assertThat(rows.getBoolean("big")).isFalse();
                    assertThat(rows.next()).isFalse();
                }
            }
        }
    }

    @Test
    void fetchSizeWithAutocommitOffSuspendsThePortal() throws Exception {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(10);
                long sum = 0;
                int count = 0;
                try (ResultSet rows = statement.executeQuery("SELECT id FROM seq")) {
                    while (rows.next()) {
                        sum += rows.getLong(1);
                        count++;
                    }
                }
                assertThat(count).isEqualTo(100);
                assertThat(sum).isEqualTo(100L * 101 / 2);
            }
            connection.commit();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM seq")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(100);
            }
            connection.rollback();
        }
    }

    @Test
    void errorInPreparedStatementLeavesConnectionUsable() throws Exception {
        try (Connection connection = connect()) {
            try (PreparedStatement bad = connection.prepareStatement("SELECT nope FROM seq WHERE id = ?")) {
                bad.setLong(1, 1);
                assertThatThrownBy(bad::executeQuery).isInstanceOf(SQLException.class)
                        .hasMessageContaining("nope");
            }
            try (PreparedStatement good = connection.prepareStatement("SELECT name FROM items WHERE id = ?")) {
                good.setInt(1, 3);
                try (ResultSet rows = good.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("item3");
                }
            }
        }
    }

    @Test
    void failedTransactionBlockRefusesStatementsUntilRollback() throws Exception {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT nope FROM seq"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
                connection.rollback();
                try (ResultSet rows = statement.executeQuery("SELECT 2")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                }
            }
            connection.commit();
        }
    }

    @Test
    void batchOfParameterizedInserts() throws Exception {
        try (Connection connection = connect(); Statement ddl = connection.createStatement()) {
            Path out = work.resolve("out");
            ddl.execute("CREATE TABLE picked (id BIGINT, name STRING) WITH ('connector' = 'filesystem', "
                    + "'path' = '" + out + "', 'format' = 'csv')");
            ddl.execute("SET 'table.dml-sync' = 'true'");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO picked SELECT id, name FROM seq WHERE id BETWEEN ? AND ?")) {
                insert.setLong(1, 1);
                insert.setLong(2, 5);
                insert.addBatch();
                insert.setLong(1, 91);
                insert.setLong(2, 100);
                insert.addBatch();
                assertThat(insert.executeBatch()).containsExactly(5, 10);
            }
            try (ResultSet rows = ddl.executeQuery("SELECT COUNT(*), SUM(id) FROM picked")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(15);
                assertThat(rows.getLong(2)).isEqualTo(15 + IntStream.rangeClosed(91, 100).sum());
            }
        }
    }
}
