package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** Drives {@link PgServer} with the PostgreSQL JDBC driver in simple query mode. */
class PgServerJdbcTest {
    private static final FakeSessionFactory FACTORY = new FakeSessionFactory();
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = new PgServer("127.0.0.1", 0, FACTORY);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return connect("preferQueryMode=simple");
    }

    private static Connection connect(String properties) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/weir?" + properties,
                "weir", "");
    }

    @Test
    void resultMetadataReportsPostgresTypes() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT TYPES")) {
            ResultSetMetaData metadata = rows.getMetaData();
            List<String> typeNames = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                typeNames.add(metadata.getColumnTypeName(i));
            }
            assertThat(typeNames).containsExactly("bool", "int2", "int2", "int4", "int8", "float4", "float8",
                    "numeric", "bpchar", "varchar", "text", "bytea", "date", "time", "timestamp", "timestamptz",
                    "_int4", "json", "json");
            assertThat(metadata.getColumnLabel(1)).isEqualTo("c_bool");
            assertThat(metadata.getColumnType(4)).isEqualTo(Types.INTEGER);
            assertThat(metadata.getColumnType(5)).isEqualTo(Types.BIGINT);
            assertThat(metadata.getColumnType(8)).isEqualTo(Types.NUMERIC);
            assertThat(metadata.getPrecision(8)).isEqualTo(10);
            assertThat(metadata.getScale(8)).isEqualTo(2);
            assertThat(metadata.getColumnType(15)).isEqualTo(Types.TIMESTAMP);
            assertThat(metadata.getColumnType(17)).isEqualTo(Types.ARRAY);
        }
    }

    @Test
    void valuesReadBackAsJavaValues() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT TYPES")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean("c_bool")).isTrue();
            assertThat(rows.getShort("c_tinyint")).isEqualTo((short) 7);
            assertThat(rows.getLong("c_bigint")).isEqualTo(9_000_000_000L);
            assertThat(rows.getFloat("c_float")).isEqualTo(1.5f);
            assertThat(rows.getDouble("c_double")).isEqualTo(0.1);
            assertThat(rows.getBigDecimal("c_decimal")).isEqualTo(new BigDecimal("12.30"));
            assertThat(rows.getString("c_string")).isEqualTo("héllo \"world\"");
            assertThat(rows.getBytes("c_bytes")).containsExactly(0x0a, 0xff);
            assertThat(rows.getDate("c_date").toLocalDate()).hasToString("2024-01-01");
            assertThat(rows.getTimestamp("c_timestamp").toLocalDateTime()).hasToString("2024-01-02T03:04:05.123");
            assertThat((Object[]) rows.getArray("c_array").getArray()).containsExactly(1, 2, 3);
            assertThat(rows.getString("c_row")).isEqualTo("{\"a\":1,\"b\":\"x\"}");
            assertThat(rows.next()).isTrue();
            for (int i = 1; i <= FakeSessionFactory.ALL_TYPES.size(); i++) {
                assertThat(rows.getObject(i)).as("column %s", i).isNull();
            }
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void errorsCarrySqlStateAndPosition() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELECT 1; SELECT bad"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42601");
                        assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(18);
                    });
            assertThatThrownBy(() -> statement.execute("no_such_table")).hasFieldOrPropertyWithValue("SQLState", "42P01");
            assertThatThrownBy(() -> statement.execute("NPE")).hasFieldOrPropertyWithValue("SQLState", "XX000")
                    .hasMessageContaining("internal error, please report: NullPointerException: boom");
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void severalStatementsGiveSeveralResults() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.execute("CREATE TABLE t; STREAM 3")).isFalse();
            assertThat(statement.getUpdateCount()).isZero();
            assertThat(statement.getMoreResults()).isTrue();
            try (ResultSet rows = statement.getResultSet()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(3);
            }
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheQuery() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    statement.execute("SLEEP");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(500);
            statement.cancel();
            Throwable thrown = failure.get(10, TimeUnit.SECONDS);
            assertThat(thrown).isInstanceOf(SQLException.class);
            assertThat(((SQLException) thrown).getSQLState()).isEqualTo("57014");
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void manyRowsStream() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("STREAM 200000")) {
            long sum = 0;
            while (rows.next()) {
                sum += rows.getLong(1);
            }
            assertThat(sum).isEqualTo(200_000L * 200_001L / 2);
        }
    }

    @Test
    void extendedProtocolIsRefusedClearly() throws Exception {
        try (Connection connection = connect("preferQueryMode=extended"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
                    .hasFieldOrPropertyWithValue("SQLState", "0A000")
                    .hasMessageContaining("preferQueryMode=simple");
        }
    }
}
