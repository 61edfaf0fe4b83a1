package io.weir.cli;

import io.weir.testing.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements and queries run on a test's PostgreSQL cluster (database {@code postgres}, as the
 * superuser, through PgJDBC), with answers in the form psql {@code -At} prints, so that a test compares
 * Weir's output with PostgreSQL's computing the same.
 */
final class PostgresAnswers {
    private PostgresAnswers() {
    }

    /** Runs {@code statements} in order, on one connection. */
    static void execute(PostgresCluster postgres, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** PostgreSQL's answer to {@code sql}, as psql -At prints it: a line per row, values '|'-separated, NULL empty. */
    static String query(PostgresCluster postgres, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String value = result.getString(i);
                    values.add(value == null ? "" : value);
                }
                rows.add(String.join("|", values));
            }
        }
        return String.join("\n", rows);
    }
}
