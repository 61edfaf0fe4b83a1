package io.weir.cli;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weir.cli.golden.GoldenCase;
import io.weir.cli.golden.ResultRows;
import io.weir.testing.PostgresCluster;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Result goldens: every case under {@code src/test/resources/golden-results} (see {@link GoldenCase})
 * run on an embedded Weir over PgJDBC at parallelism 1 and 4, in each runtime mode the case applies to,
 * its rows compared with the expected file as multisets (in order for {@code -- ordered: true}). A
 * changelog result (an {@code op} column) is folded into the rows it leaves first. The expected files
 * were computed without Weir (PostgreSQL or by hand, as each case's header says). A case with a
 * {@code lookup-tables.sql} gets a fresh database on a throwaway PostgreSQL cluster holding those
 * tables, whose JDBC URL {@code ${postgres-url}} in its SQL stands for (lookup joins); {@code ${output}}
 * is a new folder for each run (for sinks).
 *
 * <p>{@code -Dgolden.case=name} runs one case, {@code -Dgolden.case=a,b} those cases.
 */
class ResultGoldenIT {
    private static final List<Integer> PARALLELISMS = List.of(1, 4);

    @TempDir
    static Path work;

    private static TestServer server;
    // started for the first case that needs one (a lookup-tables.sql), a database per run
    private static PostgresCluster postgres;
    private static int databases;
    private static int outputs;

    @BeforeAll
    static void start() {
        server = new TestServer(work.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Arguments> runs() throws URISyntaxException {
        Path root = Path.of(ResultGoldenIT.class.getResource("/golden-results").toURI());
        List<Arguments> runs = new ArrayList<>();
        // -Dgolden.case=a,b runs only those cases
        List<String> only = List.of(System.getProperty("golden.case", "").split(","));
        for (GoldenCase golden : GoldenCase.all(root)) {
            if (!only.equals(List.of("")) && !only.contains(golden.name())) {
                continue;
            }
            for (String mode : golden.modes()) {
                for (int parallelism : PARALLELISMS) {
                    runs.add(Arguments.of(golden.name(), mode, parallelism, golden));
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} {1} p{2}")
    @MethodSource("runs")
    void returnsTheExpectedRows(String name, String mode, int parallelism, GoldenCase golden) throws Exception {
        Optional<String> knownFailure = golden.knownFailure(mode, parallelism);
        assumeTrue(knownFailure.isEmpty(), () -> "known failure: " + knownFailure.get());
        Properties properties = new Properties();
        properties.setProperty("user", "weir");
        properties.setProperty("preferQueryMode", "simple");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/weir", properties); Statement statement = connection.createStatement()) {
            statement.execute("SET 'execution.runtime-mode' = '" + mode + "'");
            statement.execute("SET 'parallelism.default' = '" + parallelism + "'");
            try {
                String postgresUrl = golden.lookupTables().isEmpty() ? "" : lookupDatabase(golden.lookupTables());
                String output = work.resolve("output" + ++outputs).toString();
                for (String setup : golden.setup()) {
                    statement.execute(setup.replace("${postgres-url}", postgresUrl).replace("${output}", output));
                }
                Result actual = rows(statement, golden.query());
                // a changelog's final rows have no order (streaming ORDER BY ... LIMIT is a Top-N)
                String diff = ResultRows.diff(golden.expected(mode), actual.rows(), golden.ordered() && !actual.changelog());
                if (diff != null) {
                    fail(name + " in " + mode + " mode at parallelism " + parallelism + ":\n" + golden.query()
                            + "\n" + diff);
                }
            } finally {
                for (String[] created : golden.created()) {
                    statement.execute("DROP " + created[0] + " IF EXISTS " + created[1]);
                }
            }
        }
    }

    /** A fresh PostgreSQL database holding the tables a lookup join reads; its JDBC URL. */
    private static String lookupDatabase(List<String> statements) throws Exception {
        if (postgres == null) {
            postgres = PostgresCluster.start();
        }
        String database = "lookup" + ++databases;
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return postgres.jdbcUrl(database);
    }

    /** A query's rows as CSV lines, a changelog folded into the rows it leaves. */
    private record Result(List<String> rows, boolean changelog) {
    }

    private static Result rows(Statement statement, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        boolean changelog;
        try (ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            changelog = result.getMetaData().getColumnLabel(1).equals("op");
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String value = result.getString(i);
                    values.add(value == null ? "NULL" : value);
                }
                rows.add(String.join(",", values));
            }
        }
        return new Result(changelog ? ResultRows.fold(rows) : rows, changelog);
    }
}
