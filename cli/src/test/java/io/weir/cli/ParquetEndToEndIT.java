package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet through SQL: a file DuckDB wrote (nested ARRAY, MAP and ROW columns, DECIMAL, TIMESTAMP)
 * is read by Weir and copied into a partitioned, zstd-compressed Parquet table with success files;
 * DuckDB finds exactly the rows it wrote, and Weir's own aggregate over the copy matches DuckDB's.
 */
class ParquetEndToEndIT {
    private static final String COLUMNS = "id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, BIGINT>, "
            + "info ROW<a INT, b STRING>, amount DECIMAL(12, 2), ts TIMESTAMP(3), dt STRING";

    @TempDir
    static Path work;

    private static TestServer server;
    private static PsqlClient psql;

    @BeforeAll
    static void start() {
        server = new TestServer(work.resolve("data"));
        psql = new PsqlClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDuckDbFileIsCopiedIntoAPartitionedCompressedTableRowForRow() throws Exception {
        Path source = work.resolve("src");
        Files.createDirectories(source);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT g AS id, CASE WHEN g % 5 = 0 THEN NULL ELSE [('t' || g), NULL, 'x'][1:g % 4] END "
                    + "AS tags, CASE WHEN g % 7 = 0 THEN NULL ELSE MAP {'k': g, 'j': g * 2} END AS attrs, "
                    + "CASE WHEN g % 6 = 0 THEN NULL ELSE {'a': CAST(g AS INTEGER), 'b': 'b' || g} END AS info, "
                    + "CAST(g * 1.25 AS DECIMAL(12, 2)) AS amount, TIMESTAMP '2026-12-01 00:00:00' + INTERVAL (g) "
                    + "SECOND AS ts, 'd' || (g % 3) AS dt FROM range(1, 2001) r(g)) TO '" + source.resolve("in.parquet")
                    + "' (FORMAT parquet)");
        }
        Path target = work.resolve("dst");
        psql.query("CREATE TABLE src (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '" + source
                + "', 'format' = 'parquet')", "CREATE TABLE dst (" + COLUMNS + ") PARTITIONED BY (dt) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + target + "', 'format' = 'parquet', "
                + "'parquet.compression' = 'zstd', 'sink.partition-commit.policy.kind' = 'success-file')");
        psql.query("SET 'table.dml-sync' = 'true'", "INSERT INTO dst SELECT * FROM src");

        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("_SUCCESS"))
                    .map(f -> target.relativize(f).toString()).sorted().toList())
                    .containsExactly("dt=d0/_SUCCESS", "dt=d1/_SUCCESS", "dt=d2/_SUCCESS");
        }
        String columns = "id, tags, attrs, info, amount, ts, dt";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("CREATE VIEW a AS SELECT " + columns + " FROM read_parquet('" + source + "/*.parquet')");
            s.execute("CREATE VIEW b AS SELECT " + columns + " FROM read_parquet('" + target
                    + "/*/*.parquet', hive_partitioning = true)");
            assertThat(single(s, "SELECT COUNT(*) FROM b")).isEqualTo("2000");
            assertThat(single(s, "SELECT COUNT(*) FROM ((SELECT * FROM a EXCEPT ALL SELECT * FROM b) "
                    + "UNION ALL (SELECT * FROM b EXCEPT ALL SELECT * FROM a))")).isEqualTo("0");
            assertThat(single(s, "SELECT DISTINCT compression FROM parquet_metadata('" + target + "/*/*.parquet')"))
                    .isEqualTo("ZSTD");
            String expected = single(s, "SELECT COUNT(*) || '|' || SUM(amount) FROM a");
            assertThat(psql.query("SELECT COUNT(*), SUM(amount) FROM dst")).isEqualTo(expected);
        }
    }

    private static String single(Statement s, String query) throws Exception {
        try (ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getString(1);
        }
    }
}
