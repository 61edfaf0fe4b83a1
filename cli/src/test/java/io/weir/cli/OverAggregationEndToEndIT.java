package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVER aggregations (ROWS and RANGE frames, per partition, ordered by event time) over out-of-order CSV
 * rows, in batch and streaming mode at parallelism 1 and 2, compared with frames computed here in Java.
 */
class OverAggregationEndToEndIT {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @TempDir
    Path work;

    record Bid(long id, long auction, long price, long ts) {
    }

    @Test
    void rowsAndRangeFramesMatchAnIndependentAnswer() throws Exception {
        Random random = new Random(17);
        long base = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        // unique times, shuffled within blocks of 20 rows (at most 2 s out of order, inside the 5 s watermark delay)
        List<Integer> slots = new ArrayList<>();
        List<Bid> bids = new ArrayList<>();
        for (int block = 0; block < 60; block++) {
            slots.clear();
            for (int i = 0; i < 20; i++) {
                slots.add(block * 20 + i);
            }
            Collections.shuffle(slots, random);
            for (int slot : slots) {
                bids.add(new Bid(bids.size() + 1, 1 + random.nextInt(4), 1 + random.nextInt(1000), base + slot * 100L));
            }
        }
        List<String> lines = bids.stream().map(b -> b.id() + "," + b.auction() + "," + b.price() + ","
                + LocalDateTime.ofEpochSecond(b.ts() / 1000, (int) (b.ts() % 1000) * 1_000_000, ZoneOffset.UTC).format(TS))
                .toList();
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), lines);
        String expected = expected(bids);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE bids (id BIGINT, auction BIGINT, price BIGINT, ts TIMESTAMP(3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '"
                    + work.resolve("bids") + "', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event')");
            String rows3 = "PARTITION BY auction ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW";
            String lastSecond = "PARTITION BY auction ORDER BY ts RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW";
            String query = "SELECT r.id, r.s, r.c, g.hi, g.lo FROM "
                    + "(SELECT id, SUM(price) OVER (" + rows3 + ") AS s, COUNT(*) OVER (" + rows3 + ") AS c FROM bids) r "
                    + "JOIN (SELECT id, MAX(price) OVER (" + lastSecond + ") AS hi, MIN(price) OVER (" + lastSecond
                    + ") AS lo FROM bids) g ON r.id = g.id ORDER BY r.id";
            for (String mode : List.of("batch", "streaming")) {
                for (int parallelism = 1; parallelism <= 2; parallelism++) {
                    // parallelism 1 keeps state on the heap, 2 in RocksDB: both must give the same answer
                    String rows = psql.query("SET 'execution.runtime-mode' = '" + mode + "'",
                            "SET 'parallelism.default' = '" + parallelism + "'",
                            "SET 'state.backend.type' = '" + (parallelism == 1 ? "hashmap" : "rocksdb") + "'", query);
                    assertThat(rows).as("%s mode at parallelism %d", mode, parallelism).isEqualTo(expected);
                }
            }
        }
    }

    /** id|sum of the last 3 prices|their count|max and min price within the last second, per auction in time order. */
    private static String expected(List<Bid> bids) {
        List<Bid> sorted = new ArrayList<>(bids);
        sorted.sort(Comparator.comparingLong(Bid::ts));
        List<String> rows = new ArrayList<>();
        for (Bid bid : bids) {
            List<Bid> earlier = sorted.stream().filter(b -> b.auction() == bid.auction() && b.ts() <= bid.ts()).toList();
            List<Bid> lastThree = earlier.subList(Math.max(0, earlier.size() - 3), earlier.size());
            long sum = lastThree.stream().mapToLong(Bid::price).sum();
            List<Bid> lastSecond = earlier.stream().filter(b -> b.ts() >= bid.ts() - 1000).toList();
            long max = lastSecond.stream().mapToLong(Bid::price).max().orElseThrow();
            long min = lastSecond.stream().mapToLong(Bid::price).min().orElseThrow();
            rows.add(bid.id() + "|" + sum + "|" + lastThree.size() + "|" + max + "|" + min);
        }
        return String.join("\n", rows);
    }
}
