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
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time over psql with watermarks generated per source split, and with a user-defined function
 * as the watermark expression; expected answers are computed here in Java.
 */
class SplitWatermarksEndToEndIT {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String MINUS_FIVE = """
            package udf;
            public class MinusFive {
                public java.time.LocalDateTime eval(java.time.LocalDateTime ts) {
                    return ts == null ? null : ts.minusSeconds(5);
                }
            }
            """;

    @TempDir
    Path work;

    /**
     * Two files (two splits) read by one subtask, one two hours ahead of the other in event time, each
     * in time order: with one watermark per split no row is late, so every row counts in its TUMBLE
     * window and none is at or behind {@code CURRENT_WATERMARK} (with one watermark over the subtask's
     * rows, the file read second would be dropped whole).
     */
    @Test
    void aSplitFarAheadDoesNotMakeTheRowsOfAnotherSplitOfTheSubtaskLate() throws Exception {
        long ahead = LocalDateTime.of(2026, 3, 1, 12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        long behind = LocalDateTime.of(2026, 3, 1, 10, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        Map<String, long[]> windows = new TreeMap<>();
        Files.createDirectories(work.resolve("bids"));
        for (String file : List.of("a-ahead.csv", "b-behind.csv")) {
            long base = file.startsWith("a") ? ahead : behind;
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                long ts = base + i * 100L;
                long price = 1 + (i * 7919L) % 1000;
                lines.add(price + "," + format(ts, TS));
                long[] window = windows.computeIfAbsent(format(ts - Math.floorMod(ts, 10_000L), HMS), k -> new long[2]);
                window[0]++;
                window[1] += price;
            }
            Files.write(work.resolve("bids").resolve(file), lines);
        }
        List<String> expected = windows.entrySet().stream()
                .map(e -> e.getKey() + "," + e.getValue()[0] + "," + e.getValue()[1]).sorted().toList();
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE bids (price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
                    + "WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("bids") + "', 'format' = 'csv', "
                    + "'scan.watermark.emit.strategy' = 'on-event')",
                    "CREATE TABLE win_out (w STRING, n BIGINT, total BIGINT) WITH ('connector' = 'filesystem', "
                            + "'path' = '" + work.resolve("win_out") + "', 'format' = 'csv')");
            psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '1'",
                    "SET 'table.dml-sync' = 'true'", "INSERT INTO win_out SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), "
                            + "COUNT(*), SUM(price) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                            + "GROUP BY window_start, window_end");
            assertThat(WindowsEndToEndIT.written(work.resolve("win_out"))).isEqualTo(expected);
            assertThat(psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '1'",
                    "SELECT ts FROM bids WHERE ts <= CURRENT_WATERMARK(ts)")).isEmpty();
        }
    }

    /**
     * {@code WATERMARK FOR ts AS minus_five(ts)}, a function from a jar: out-of-order rows are late
     * exactly when their window ended by the watermark before them (the largest ts so far minus 5 s),
     * and {@code CURRENT_WATERMARK} shows that watermark.
     */
    @Test
    void aUserFunctionComputesTheWatermark() throws Exception {
        Path jar = UserFunctionsEndToEndIT.compileJar(work.resolve("udf.jar"), MINUS_FIVE);
        long base = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<String> lines = new ArrayList<>();
        Map<String, Long> windows = new TreeMap<>();
        List<String> behindWatermark = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < 400; i++) {
            // every 9th row is 3 to 25 s behind the one before
            long ts = base + i * 500L - (i % 9 == 8 ? 3000L + (i * 37L) % 22_000 : 0);
            lines.add(i + "," + format(ts, TS));
            long start = ts - Math.floorMod(ts, 10_000L);
            if (start + 10_000L - 1 > watermark) {
                windows.merge(format(start, HMS), 1L, Long::sum);
            }
            if (ts <= watermark) {
                behindWatermark.add(format(ts, TS));
            }
            watermark = Math.max(watermark, ts - 5000L);
        }
        assertThat(windows.values().stream().mapToLong(Long::longValue).sum()).as("some rows are late").isLessThan(400);
        Files.createDirectories(work.resolve("events"));
        Files.write(work.resolve("events/events.csv"), lines);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE FUNCTION minus_five AS 'udf.MinusFive' USING JAR '" + jar.toUri() + "'",
                    "CREATE TABLE events (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS minus_five(ts)) WITH ("
                            + "'connector' = 'filesystem', 'path' = '" + work.resolve("events") + "', 'format' = 'csv', "
                            + "'scan.watermark.emit.strategy' = 'on-event')");
            String streaming = "SET 'execution.runtime-mode' = 'streaming'";
            String one = "SET 'parallelism.default' = '1'";
            assertThat(psql.query(streaming, one, "SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS w, COUNT(*) FROM TABLE("
                    + "TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end "
                    + "ORDER BY w")).isEqualTo(windows.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue())
                            .collect(Collectors.joining("\n")));
            assertThat(psql.query(streaming, one, "SELECT DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss.SSS') FROM events "
                    + "WHERE ts <= CURRENT_WATERMARK(ts)")).isEqualTo(String.join("\n", behindWatermark));
        }
    }

    private static String format(long millis, DateTimeFormatter formatter) {
        return WindowsEndToEndIT.format(millis, formatter);
    }
}
