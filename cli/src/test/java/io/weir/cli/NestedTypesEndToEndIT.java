package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ARRAY, MAP and ROW values and UNNEST end to end through psql, checked against PostgreSQL on the same
 * rows (arrays, UNNEST, WITH ORDINALITY, LEFT JOIN ... ON TRUE, subscripts, CARDINALITY) or against a
 * plain-Java answer (maps and rows, which PostgreSQL spells differently). The arrays are built by
 * ARRAY[...] over CSV columns, with NULL arrays and NULL elements among them, then written to and read
 * back from Parquet.
 */
class NestedTypesEndToEndIT {
    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static TestServer server;
    private static PsqlClient psql;
    /** id, n (-1: NULL array, else 1..3 elements), a1, a2, a3 (null: NULL). */
    private static final List<Integer[]> ROWS = new ArrayList<>();

    private static final String ITEMS = "CASE WHEN n < 0 THEN NULL WHEN n = 1 THEN ARRAY[a1] WHEN n = 2 THEN ARRAY[a1, a2] "
            + "ELSE ARRAY[a1, a2, a3] END";

    @BeforeAll
    static void start() throws Exception {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int id = 1; id <= 300; id++) {
            Integer[] row = {id, random.nextInt(5) - 1, value(random), value(random), value(random)};
            ROWS.add(row);
            lines.add(String.join(",", Arrays.stream(row).map(v -> v == null ? "" : v.toString()).toList()));
        }
        Files.createDirectories(work.resolve("csv"));
        Files.write(work.resolve("csv/rows.csv"), lines);
        postgres = PostgresCluster.start();
        List<String> values = ROWS.stream().map(row -> "(" + String.join(", ", Arrays.stream(row)
                .map(v -> v == null ? "NULL" : v.toString()).toList()) + ")").toList();
        execute("CREATE TABLE raw (id int, n int, a1 int, a2 int, a3 int)",
                "INSERT INTO raw VALUES " + String.join(", ", values),
                "CREATE VIEW orders AS SELECT id, " + ITEMS.replace("THEN NULL", "THEN NULL::int[]") + " AS items FROM raw");
        server = new TestServer(work.resolve("data"));
        psql = new PsqlClient(server.port());
        psql.query("CREATE TABLE raw (id INT, n INT, a1 INT, a2 INT, a3 INT) WITH ('connector' = 'filesystem', "
                        + "'path' = '" + work.resolve("csv") + "', 'format' = 'csv')",
                "CREATE TABLE orders (id INT, items ARRAY<INT>, tags MAP<STRING, INT>, pair ROW<x INT, y INT>, "
                        + "lines ARRAY<ROW<sku STRING, qty INT>>) WITH ('connector' = 'filesystem', "
                        + "'path' = '" + work.resolve("parquet") + "', 'format' = 'parquet')",
                "SET 'table.dml-sync' = 'true'",
                "INSERT INTO orders SELECT id, " + ITEMS + ", MAP['a', a1, 'b', a2], ROW(a1, a2), "
                        + "ARRAY[ROW('s' || CAST(id AS STRING), a1), ROW('t', a3)] FROM raw");
    }

    private static Integer value(Random random) {
        return random.nextInt(6) == 0 ? null : random.nextInt(100);
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

    private static String weir(String mode, int parallelism, String query) throws Exception {
        return psql.query("SET 'execution.runtime-mode' = '" + mode + "'",
                "SET 'parallelism.default' = '" + parallelism + "'", query);
    }

    private static final List<String> UNNEST_QUERIES = List.of(
            "SELECT o.id, t.item FROM orders o CROSS JOIN UNNEST(o.items) AS t (item) ORDER BY o.id, t.item",
            "SELECT o.id, t.item FROM orders o, UNNEST(o.items) AS t (item) WHERE t.item > 50 ORDER BY o.id, t.item",
            "SELECT o.id, t.item, t.pos FROM orders o CROSS JOIN UNNEST(o.items) WITH ORDINALITY AS t (item, pos) "
                    + "ORDER BY o.id, t.pos",
            "SELECT o.id, t.item FROM orders o LEFT JOIN UNNEST(o.items) AS t (item) ON TRUE ORDER BY o.id, t.item",
            "SELECT t.item, COUNT(*) FROM orders o CROSS JOIN UNNEST(o.items) AS t (item) GROUP BY t.item ORDER BY t.item",
            // the optimizer pushes these WHEREs into the correlate's right side: they run after the Unnest
            "SELECT o.id, t.item FROM orders o CROSS JOIN UNNEST(o.items) AS t (item) WHERE t.item <> 7 "
                    + "AND (t.item < 20 OR o.id > 250) ORDER BY o.id, t.item",
            "SELECT o.id, t.item * 2, t.pos FROM orders o CROSS JOIN UNNEST(o.items) WITH ORDINALITY AS t (item, pos) "
                    + "WHERE t.pos > 1 AND t.item IS NOT NULL ORDER BY o.id, t.pos");

    @ParameterizedTest(name = "query {2} {0} at parallelism {1}")
    @CsvSource({"batch, 1, 0", "batch, 4, 0", "streaming, 4, 0",
        "batch, 1, 2", "batch, 4, 2", "streaming, 4, 2", "batch, 1, 3", "batch, 4, 3", "streaming, 4, 3",
        "batch, 1, 4", "batch, 4, 4", "batch, 1, 1", "batch, 4, 1", "streaming, 4, 1",
        "batch, 4, 5", "streaming, 1, 5", "batch, 4, 6"})
    void unnestMatchesPostgres(String mode, int parallelism, int queryIndex) throws Exception {
        String query = UNNEST_QUERIES.get(queryIndex);
        String actual = weir(mode, parallelism, query);
        // PostgreSQL sorts NULLs last, Flink (and Weir) first: compare the rows, not their order
        assertThat(actual.lines().sorted().toList()).as(query).isEqualTo(postgres(query).lines().sorted().toList());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void subscriptsAndCardinalityMatchPostgres(int parallelism) throws Exception {
        String query = "SELECT id, items[1], items[3], items[4], CARDINALITY(items) FROM orders ORDER BY id";
        assertThat(weir("batch", parallelism, query)).isEqualTo(postgres(query));
        String filtered = "SELECT id FROM orders WHERE items[2] IS NULL AND CARDINALITY(items) >= 2 ORDER BY id";
        assertThat(weir("batch", parallelism, filtered)).isEqualTo(postgres(filtered));
    }

    @Test
    void mapsAndRowsMatchAJavaAnswer() throws Exception {
        String actual = weir("batch", 2, "SELECT id, tags['a'], tags['b'], tags['zz'], CARDINALITY(tags), o.pair.x, "
                + "o.pair.y, lines[1].sku, lines[2].qty, ELEMENT(ARRAY[id]) FROM orders o ORDER BY id");
        List<String> expected = new ArrayList<>();
        for (Integer[] row : ROWS) {
            expected.add(row[0] + "|" + text(row[2]) + "|" + text(row[3]) + "||2|" + text(row[2]) + "|" + text(row[3])
                    + "|s" + row[0] + "|" + text(row[4]) + "|" + row[0]);
        }
        assertThat(actual).isEqualTo(String.join("\n", expected));
    }

    @Test
    void unnestOfMapsAndRowArraysMatchesAJavaAnswer() throws Exception {
        String actual = weir("batch", 4, "SELECT o.id, t.k, t.v FROM orders o CROSS JOIN UNNEST(o.tags) AS t (k, v) "
                + "ORDER BY o.id, t.k");
        List<String> expected = new ArrayList<>();
        for (Integer[] row : ROWS) {
            expected.add(row[0] + "|a|" + text(row[2]));
            expected.add(row[0] + "|b|" + text(row[3]));
        }
        assertThat(actual).isEqualTo(String.join("\n", expected));
        String lines = weir("batch", 4, "SELECT o.id, l.sku, l.qty FROM orders o CROSS JOIN UNNEST(o.lines) AS l (sku, qty) "
                + "ORDER BY o.id, l.sku");
        expected.clear();
        for (Integer[] row : ROWS) {
            expected.add(row[0] + "|s" + row[0] + "|" + text(row[2]));
            expected.add(row[0] + "|t|" + text(row[4]));
        }
        assertThat(lines).isEqualTo(String.join("\n", expected));
    }

    @ParameterizedTest(name = "{0} at parallelism {1}")
    @CsvSource({"batch, 1", "streaming, 4"})
    void whereOnAnUnnestedMapKeyMatchesAJavaAnswer(String mode, int parallelism) throws Exception {
        String actual = weir(mode, parallelism, "SELECT o.id, t.k, t.v FROM orders o CROSS JOIN UNNEST(o.tags) AS t (k, v) "
                + "WHERE t.k <> 'a' ORDER BY o.id");
        List<String> expected = new ArrayList<>();
        for (Integer[] row : ROWS) {
            expected.add(row[0] + "|b|" + text(row[3]));
        }
        assertThat(actual.lines().sorted().toList()).isEqualTo(expected.stream().sorted().toList());
    }

    @Test
    void unnestOfAChangelogKeepsEachRowsKind() throws Exception {
        // a streaming aggregate's updates unnest to updates: the final state is each group's last array
        String actual = weir("streaming", 2, "SELECT k, t.x FROM (SELECT id % 3 AS k, MAX(id) AS top FROM raw GROUP BY id % 3) "
                + "CROSS JOIN UNNEST(ARRAY[k, top]) AS t (x)");
        List<String> state = new ArrayList<>();
        for (String line : actual.lines().toList()) {
            String[] parts = line.split("\\|", 2);
            if (parts[0].equals("+I") || parts[0].equals("+U")) {
                state.add(parts[1]);
            } else {
                assertThat(state.remove(parts[1])).as("retracted %s", line).isTrue();
            }
        }
        assertThat(state).containsExactlyInAnyOrder("0|0", "0|300", "1|1", "1|298", "2|2", "2|299");
    }

    @Test
    void unnestOfANonCollectionIsRefusedWithItsSqlState() throws Exception {
        PsqlClient.Result result = psql.run("SELECT o.id, t.x FROM orders o CROSS JOIN UNNEST(o.id) AS t (x)");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("UNNEST").containsPattern("ERROR:  (42804|42000|0A000)");
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static void execute(String... statements) throws SQLException {
        PostgresAnswers.execute(postgres, statements);
    }

    /** PostgreSQL's answer to {@code sql}, as psql -At prints it. */
    private static String postgres(String sql) throws SQLException {
        return PostgresAnswers.query(postgres, sql);
    }
}
