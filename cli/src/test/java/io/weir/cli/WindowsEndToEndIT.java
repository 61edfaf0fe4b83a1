package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Window table functions over bounded CSV input, compared with windows computed here in Java. */
class WindowsEndToEndIT {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    @TempDir
    Path work;

    @Test
    void hopAndTumbleMatchAnIndependentAnswerAtParallelismOneAndTwo() throws Exception {
        Random random = new Random(5);
        long base = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<String> lines = new ArrayList<>();
        Map<String, Integer> hop = new TreeMap<>();
        Map<String, Long> tumble = new TreeMap<>();
        for (int i = 0; i < 2000; i++) {
            long auction = 1 + random.nextInt(7);
            long price = 1 + random.nextInt(1000);
            long ts = base + i * 250L - (random.nextInt(10) == 0 ? random.nextInt(20_000) : 0);
            lines.add(auction + ",1," + price + "," + format(ts, TS));
            for (long start = ts - Math.floorMod(ts, 5000L), k = 0; k < 4; k++, start -= 5000L) {
                hop.merge(format(start, HMS) + "|" + auction, 1, Integer::sum);
            }
            tumble.merge(format(ts - Math.floorMod(ts, 10_000L), HMS) + "|" + auction, price, Long::sum);
        }
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), lines);
        String expectedHop = hop.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue())
                .collect(Collectors.joining("\n"));
        String expectedTumble = tumble.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue())
                .collect(Collectors.joining("\n"));
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '"
                    + work.resolve("bids") + "', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event')");
            for (int parallelism = 1; parallelism <= 2; parallelism++) {
                String set = "SET 'parallelism.default' = '" + parallelism + "'";
                assertThat(psql.query("SET 'execution.runtime-mode' = 'batch'", set,
                        "SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS w, auction, COUNT(*) FROM TABLE(HOP(TABLE bids, "
                                + "DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)) "
                                + "GROUP BY window_start, window_end, auction ORDER BY w, auction"))
                        .isEqualTo(expectedHop);
                assertThat(psql.query(set, "SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS w, auction, SUM(price) "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                        + "GROUP BY window_start, window_end, auction ORDER BY w, auction")).isEqualTo(expectedTumble);
            }
            assertThat(psql.run("CREATE TABLE bad (ts TIMESTAMP(3)) WITH ('connector' = 'datagen', "
                    + "'scan.watermark.emit.strategy' = 'sometimes')").stderr())
                    .contains("scan.watermark.emit.strategy").contains("on-event, on-periodic");
        }
    }

    private static String format(long millis, DateTimeFormatter formatter) {
        return formatter.format(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC));
    }
}
