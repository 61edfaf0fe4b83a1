package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Top-N and deduplication in streaming mode emit a changelog; applied, it must end as the Top-N
 * computed here in Java: a Top-3 with the rank column, a Top-2 without it over an updating input (a
 * GROUP BY), and keep-first-row deduplication, at parallelism 1 and 2.
 */
class StreamingTopNEndToEndIT {
    @TempDir
    Path work;

    @Test
    void appliedChangelogsEqualTopNComputedIndependently() throws Exception {
        Random random = new Random(41);
        List<long[]> bids = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            bids.add(new long[] {i, 1 + random.nextInt(8), 1 + random.nextInt(25), 1 + random.nextInt(500)});
        }
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), bids.stream()
                .map(b -> b[0] + "," + b[1] + "," + b[2] + "," + b[3]).toList());
        Map<String, Integer> top3 = new TreeMap<>();
        Map<String, Integer> first = new TreeMap<>();
        for (long auction = 1; auction <= 8; auction++) {
            long a = auction;
            List<long[]> ofAuction = bids.stream().filter(b -> b[1] == a)
                    .sorted(Comparator.<long[]>comparingLong(b -> -b[3]).thenComparingLong(b -> b[0])).toList();
            for (int i = 0; i < Math.min(3, ofAuction.size()); i++) {
                top3.merge(a + "|" + ofAuction.get(i)[0] + "|" + ofAuction.get(i)[3] + "|" + (i + 1), 1, Integer::sum);
            }
        }
        for (long bidder = 1; bidder <= 25; bidder++) {
            long b = bidder;
            bids.stream().filter(x -> x[2] == b).findFirst()
                    .ifPresent(x -> first.merge(x[2] + "|" + x[0], 1, Integer::sum));
        }
        Map<Long, Long> spentByBidder = bids.stream().collect(Collectors.groupingBy(b -> b[2], TreeMap::new,
                Collectors.summingLong(b -> b[3])));
        Map<String, Integer> top2Spenders = new TreeMap<>();
        spentByBidder.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(2).forEach(e -> top2Spenders.merge(e.getKey() + "|" + e.getValue(), 1, Integer::sum));
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE bids (id BIGINT, auction BIGINT, bidder BIGINT, price BIGINT) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + work.resolve("bids") + "', 'format' = 'csv')");
            for (int parallelism = 1; parallelism <= 2; parallelism++) {
                // parallelism 1 keeps state on the heap, 2 in RocksDB: both must give the same answer
                String[] set = {"SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '" + parallelism + "'",
                        "SET 'state.backend.type' = '" + (parallelism == 1 ? "hashmap" : "rocksdb") + "'"};
                assertThat(applied(psql, set, "SELECT auction, id, price, rn FROM (SELECT *, ROW_NUMBER() OVER "
                        + "(PARTITION BY auction ORDER BY price DESC, id) AS rn FROM bids) WHERE rn <= 3")).isEqualTo(top3);
                assertThat(applied(psql, set, "SELECT bidder, id FROM (SELECT *, ROW_NUMBER() OVER "
                        + "(PARTITION BY bidder ORDER BY id) AS rn FROM bids) WHERE rn = 1")).isEqualTo(first);
                assertThat(applied(psql, set, "SELECT bidder, spent FROM (SELECT *, ROW_NUMBER() OVER "
                        + "(ORDER BY spent DESC, bidder) AS rn FROM (SELECT bidder, SUM(price) AS spent FROM bids "
                        + "GROUP BY bidder)) WHERE rn <= 2")).as("over an updating input").isEqualTo(top2Spenders);
            }
        }
    }

    /** The query's changelog (first column op) applied: each remaining row with its multiplicity. */
    private static Map<String, Integer> applied(PsqlClient psql, String[] settings, String query) throws Exception {
        String out = psql.query(settings[0], settings[1], settings[2], query);
        Map<String, Integer> rows = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            String op = line.substring(0, bar);
            assertThat(op).isIn("+I", "-U", "+U", "-D");
            rows.merge(line.substring(bar + 1), op.equals("+I") || op.equals("+U") ? 1 : -1, Integer::sum);
        }
        rows.values().removeIf(count -> count == 0);
        return rows;
    }
}
