package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * Changelogs into append-only files through a server in its own JVM and psql: a streaming GROUP BY
 * over a bounded CSV table is written into a CSV table and a Parquet table that declare
 * {@code op STRING METADATA FROM 'row_kind' VIRTUAL}; replaying the written rows (the CSV read here,
 * the Parquet read by DuckDB) must give exactly the GROUP BY that DuckDB computes over the input.
 * Without the column, the same statement is refused with a message that names it.
 */
class ChangelogToFilesEndToEndIT {
    @TempDir
    static Path work;

    private static ServerProcess server;
    private static PsqlClient psql;
    /** auction → "n|total", the GROUP BY computed by DuckDB over the input file. */
    private static Map<Long, String> expected;

    @BeforeAll
    static void start() throws Exception {
        Random random = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            long auction = 1 + random.nextInt(30);
            String price = random.nextInt(20) == 0 ? "" : Integer.toString(random.nextInt(100_000));
            lines.add(auction + "," + price);
        }
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), lines);
        expected = new TreeMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT auction, COUNT(*), SUM(price) FROM read_csv('"
                        + work.resolve("bids/bids.csv") + "', header = false, columns = {'auction': 'BIGINT', "
                        + "'price': 'BIGINT'}) GROUP BY auction")) {
            while (r.next()) {
                long total = r.getLong(3);
                expected.put(r.getLong(1), r.getLong(2) + "|" + (r.wasNull() ? "null" : total));
            }
        }
        server = new ServerProcess(work.resolve("data"), work.resolve("server.log"));
        server.start();
        psql = new PsqlClient(server.port());
        psql.query("CREATE TABLE bids (auction BIGINT, price BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                + work.resolve("bids") + "', 'format' = 'csv')");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static String[] streamingInsert(String table) {
        return new String[] {"SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'",
            "SET 'parallelism.default' = '2'",
            "INSERT INTO " + table + " SELECT auction, COUNT(*), SUM(price) FROM bids GROUP BY auction"};
    }

    @Test
    void aStreamingGroupByIntoCsvWritesTheRowKindAtTheDeclaredPlace() throws Exception {
        Path out = work.resolve("agg_csv");
        psql.query("CREATE TABLE agg_csv (auction BIGINT, op STRING METADATA FROM 'row_kind' VIRTUAL, n BIGINT, "
                + "total BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'csv')");
        psql.query(streamingInsert("agg_csv"));

        List<String[]> changes = new ArrayList<>();
        for (Path file : visibleFiles(out)) {
            for (String line : Files.readAllLines(file)) {
                changes.add(line.split(",", -1));
            }
        }
        Map<Long, String> state = new TreeMap<>();
        for (String[] change : changes) {
            apply(state, Long.parseLong(change[0]), change[1], change[2] + "|"
                    + (change[3].isEmpty() ? "null" : change[3]));
        }
        assertThat(state).isEqualTo(expected);
        assertThat(changes.stream().map(c -> c[1]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("+I", "-U", "+U");
    }

    @Test
    void aStreamingGroupByIntoParquetReplaysInDuckDbToTheAggregate() throws Exception {
        Path out = work.resolve("agg_parquet");
        psql.query("CREATE TABLE agg_parquet (auction BIGINT, n BIGINT, op STRING METADATA FROM 'row_kind' VIRTUAL, "
                + "total BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'parquet')");
        psql.query(streamingInsert("agg_parquet"));

        List<Path> files = visibleFiles(out);
        assertThat(files).isNotEmpty().allMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        String list = files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "[", "]"));
        Map<Long, String> state = new TreeMap<>();
        List<String> columns = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(" + list
                    + "))")) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT auction, op, n, total FROM read_parquet(" + list
                    + ", filename = true, file_row_number = true) ORDER BY filename, file_row_number")) {
                while (r.next()) {
                    long total = r.getLong(4);
                    apply(state, r.getLong(1), r.getString(2), r.getLong(3) + "|" + (r.wasNull() ? "null" : total));
                }
            }
        }
        assertThat(columns).containsExactly("auction", "n", "op", "total");
        assertThat(state).isEqualTo(expected);

        // Weir reads the same files back as a Parquet table (columns by name: op is not declared here)
        psql.query("CREATE TABLE agg_parquet_read (auction BIGINT, total BIGINT, n BIGINT) WITH ('connector' = "
                + "'filesystem', 'path' = '" + out + "', 'format' = 'parquet')");
        long changes;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(n) FROM read_parquet(" + list + ")")) {
            r.next();
            changes = r.getLong(1);
            assertThat(psql.query("SET 'execution.runtime-mode' = 'batch'",
                    "SELECT COUNT(*), SUM(n) FROM agg_parquet_read")).isEqualTo(changes + "|" + r.getLong(2));
        }
        assertThat(changes).isGreaterThan(expected.size());
    }

    @Test
    void updatesIntoAnAppendOnlyFormatWithoutTheColumnAreRefusedNamingIt() throws Exception {
        psql.query("CREATE TABLE agg_plain (auction BIGINT, n BIGINT, total BIGINT) WITH ('connector' = "
                + "'filesystem', 'path' = '" + work.resolve("agg_plain") + "', 'format' = 'parquet')");
        PsqlClient.Result refused = psql.run(streamingInsert("agg_plain"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("0A000").contains("Table sink 'agg_plain' doesn't support consuming "
                + "update changes which is produced by node GroupAggregate(groupBy=[auction], select=[auction, "
                + "COUNT(*), SUM(price)])").contains("op STRING METADATA FROM 'row_kind' VIRTUAL");
        assertThat(work.resolve("agg_plain")).doesNotExist();
    }

    @Test
    void theRowKindColumnIsNeitherAnInsertTargetNorAPhysicalOrOtherwiseTypedColumn() throws Exception {
        psql.query("CREATE TABLE kinds (id BIGINT, op STRING METADATA FROM 'row_kind' VIRTUAL) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + work.resolve("kinds") + "', 'format' = 'csv')");
        PsqlClient.Result targeted = psql.run("INSERT INTO kinds (id, op) SELECT auction, 'x' FROM bids");
        assertThat(targeted.exitCode()).isNotZero();
        assertThat(targeted.stderr()).contains("op");

        PsqlClient.Result notVirtual = psql.run("CREATE TABLE k2 (id BIGINT, op STRING METADATA FROM 'row_kind') "
                + "WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("k2") + "', 'format' = 'csv')");
        assertThat(notVirtual.stderr()).contains("op STRING METADATA FROM 'row_kind' VIRTUAL");
        PsqlClient.Result notString = psql.run("CREATE TABLE k3 (id BIGINT, op INT METADATA FROM 'row_kind' "
                + "VIRTUAL) WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("k3") + "', 'format' = 'csv')");
        assertThat(notString.stderr()).contains("op STRING METADATA FROM 'row_kind' VIRTUAL");
        PsqlClient.Result unknown = psql.run("CREATE TABLE k4 (id BIGINT, t STRING METADATA FROM 'op_ts' VIRTUAL) "
                + "WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("k4") + "', 'format' = 'csv')");
        assertThat(unknown.stderr()).contains("'op_ts'").contains("available keys: row_kind");

        // an insert-only query writes +I
        psql.query("SET 'table.dml-sync' = 'true'", "INSERT INTO kinds SELECT auction FROM bids WHERE auction = 1");
        List<String> lines = new ArrayList<>();
        for (Path file : visibleFiles(work.resolve("kinds"))) {
            lines.addAll(Files.readAllLines(file));
        }
        assertThat(lines).isNotEmpty().allMatch(line -> line.equals("1,+I"));
    }

    @Test
    void aChangelogSourceIsWrittenRowKindByRowKind() throws Exception {
        Path in = work.resolve("cdc_in");
        Files.createDirectories(in);
        Files.write(in.resolve("changes.json"), List.of(
                "{\"before\":null,\"after\":{\"id\":1,\"name\":\"a\"},\"op\":\"c\"}",
                "{\"before\":null,\"after\":{\"id\":2,\"name\":\"b\"},\"op\":\"c\"}",
                "{\"before\":{\"id\":1,\"name\":\"a\"},\"after\":{\"id\":1,\"name\":\"a2\"},\"op\":\"u\"}",
                "{\"before\":{\"id\":2,\"name\":\"b\"},\"after\":null,\"op\":\"d\"}"));
        Path out = work.resolve("cdc_out");
        psql.query("CREATE TABLE cdc_in (id BIGINT, name STRING) WITH ('connector' = 'filesystem', 'path' = '" + in
                + "', 'format' = 'debezium-json')", "CREATE TABLE cdc_out (op STRING METADATA FROM 'row_kind' VIRTUAL, "
                + "id BIGINT, name STRING) WITH ('connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'json')");
        psql.query("SET 'table.dml-sync' = 'true'", "INSERT INTO cdc_out SELECT * FROM cdc_in");
        List<String> lines = new ArrayList<>();
        for (Path file : visibleFiles(out)) {
            lines.addAll(Files.readAllLines(file));
        }
        assertThat(lines).containsExactly("{\"op\":\"+I\",\"id\":1,\"name\":\"a\"}",
                "{\"op\":\"+I\",\"id\":2,\"name\":\"b\"}", "{\"op\":\"-U\",\"id\":1,\"name\":\"a\"}",
                "{\"op\":\"+U\",\"id\":1,\"name\":\"a2\"}", "{\"op\":\"-D\",\"id\":2,\"name\":\"b\"}");
    }

    /** +I and +U set the key's row, -U and -D remove exactly the row they name. */
    private static void apply(Map<Long, String> state, long key, String op, String row) {
        switch (op) {
            case "+I", "+U" -> state.put(key, row);
            case "-U", "-D" -> assertThat(state.remove(key)).as("retraction of %s", key).isEqualTo(row);
            default -> throw new AssertionError("unexpected op " + op);
        }
    }

    /**
     * The committed files in the order a subtask wrote them ({@code part-<uuid>-<subtask>-<n>}): a
     * key's changes all come from the one subtask its hash picks.
     */
    private static List<Path> visibleFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().startsWith("_")).sorted((a, b) -> {
                        String[] x = a.getFileName().toString().split("[-.]");
                        String[] y = b.getFileName().toString().split("[-.]");
                        int subtask = Integer.compare(Integer.parseInt(x[x.length - 3]), Integer.parseInt(y[y.length - 3]));
                        return subtask != 0 ? subtask
                                : Integer.compare(Integer.parseInt(x[x.length - 2]), Integer.parseInt(y[y.length - 2]));
                    }).toList();
        }
    }

    static {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
