package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changelogs end to end through psql: a streaming GROUP BY written as debezium-json (applied here,
 * file by file and line by line, and compared with the GROUP BY computed in Java), the same files
 * read back as a changelog source, the {@code op} column of a streaming result, and the refusal to
 * write updates into an append-only CSV table.
 */
class ChangelogEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static TestServer server;
    private static PsqlClient psql;
    /** auction → {count(*), sum(price) or null}, computed from the generated rows. */
    private static final Map<Long, long[]> COUNTS = new TreeMap<>();
    private static final Map<Long, Long> SUMS = new TreeMap<>();
    private static int auctionOneBids;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(work.resolve("data"));
        psql = new PsqlClient(server.port());
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long auction = 1 + random.nextInt(20);
            Long price = random.nextInt(25) == 0 ? null : (long) random.nextInt(1_000_000);
            lines.add(auction + "," + (1 + random.nextInt(100)) + "," + (price == null ? "" : price)
                    + ",2026-03-01 01:00:" + String.format("%02d", i % 60) + ".000");
            COUNTS.computeIfAbsent(auction, a -> new long[1])[0]++;
            if (price != null) {
                SUMS.merge(auction, price, Long::sum);
            }
            auctionOneBids += auction == 1 ? 1 : 0;
        }
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), lines);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String createBids(String name) {
        return "CREATE TABLE " + name + " (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3), "
                + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '"
                + work.resolve("bids") + "', 'format' = 'csv')";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void streamingGroupByWritesADebeziumChangelogThatAppliesToTheAggregate(int parallelism) throws Exception {
        Path out = work.resolve("agg_out_" + parallelism);
        String table = "agg_out_" + parallelism;
        psql.query(createBids("bids_" + parallelism), "CREATE TABLE " + table
                + " (auction BIGINT, n BIGINT, total BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                + "', 'format' = 'debezium-json')");
        psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'",
                "SET 'parallelism.default' = '" + parallelism + "'",
                "INSERT INTO " + table + " SELECT auction, COUNT(*), SUM(price) FROM bids_" + parallelism
                        + " GROUP BY auction");

        Map<Long, String> state = new TreeMap<>();
        int changes = 0;
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode change = JSON.readTree(line);
                    changes++;
                    switch (change.get("op").asText()) {
                        case "c" -> state.put(change.get("after").get("auction").asLong(), row(change.get("after")));
                        case "d" -> assertThat(state.remove(change.get("before").get("auction").asLong()))
                                .isEqualTo(row(change.get("before")));
                        default -> throw new AssertionError("unexpected op in " + line);
                    }
                }
            }
        }
        Map<Long, String> expected = new TreeMap<>();
        COUNTS.forEach((auction, count) -> expected.put(auction, auction + "|" + count[0] + "|"
                + (SUMS.containsKey(auction) ? SUMS.get(auction) : "null")));
        assertThat(state).isEqualTo(expected);
        // every row changes its group: +I once per group, then -U/+U (unless a NULL price left SUM as it was)
        assertThat(changes).isGreaterThan(3000).isLessThanOrEqualTo(2 * 3000 - COUNTS.size());

        // read back as a changelog source: the last change of a global aggregate over it is the final answer
        String[] readBack = psql.query("SELECT COUNT(*), SUM(n) FROM " + table).split("\n");
        assertThat(readBack[readBack.length - 1]).isEqualTo("+U|" + COUNTS.size() + "|3000");
        assertThat(readBack[0]).startsWith("+I|1|");
    }

    private static String row(JsonNode image) {
        return image.get("auction").asLong() + "|" + image.get("n").asLong() + "|"
                + (image.get("total").isNull() ? "null" : image.get("total").asLong());
    }

    @Test
    void streamingResultsShowTheRowKindAsTheFirstColumn() throws Exception {
        psql.query(createBids("bids_shown"));
        String actual = psql.query("SET 'execution.runtime-mode' = 'streaming'",
                "SELECT auction, COUNT(*) FROM bids_shown WHERE auction = 1 GROUP BY auction");
        List<String> expected = new ArrayList<>();
        expected.add("+I|1|1");
        for (int n = 2; n <= auctionOneBids; n++) {
            expected.add("-U|1|" + (n - 1));
            expected.add("+U|1|" + n);
        }
        assertThat(actual).isEqualTo(String.join("\n", expected));
        assertThat(psql.query("SET 'execution.runtime-mode' = 'batch'",
                "SELECT auction, COUNT(*) FROM bids_shown WHERE auction = 1 GROUP BY auction"))
                .isEqualTo("1|" + auctionOneBids);
    }

    @Test
    void updatesIntoACsvTableAreRefusedWithTheReason() throws Exception {
        psql.query(createBids("bids_refused"), "CREATE TABLE csv_only (auction BIGINT, n BIGINT) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + work.resolve("csv_only") + "', 'format' = 'csv')");
        PsqlClient.Result refused = psql.run("SET 'execution.runtime-mode' = 'streaming'",
                "INSERT INTO csv_only SELECT auction, COUNT(*) FROM bids_refused GROUP BY auction");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("0A000").contains("Table sink 'csv_only' doesn't support consuming "
                + "update changes which is produced by node GroupAggregate(groupBy=[auction], select=[auction, "
                + "COUNT(*)])");
        assertThat(work.resolve("csv_only")).doesNotExist();
        // the same statement in batch mode writes final results, which a CSV table takes
        assertThat(psql.run("SET 'execution.runtime-mode' = 'batch'", "SET 'table.dml-sync' = 'true'",
                "INSERT INTO csv_only SELECT auction, COUNT(*) FROM bids_refused GROUP BY auction").exitCode())
                .isZero();
    }
}
