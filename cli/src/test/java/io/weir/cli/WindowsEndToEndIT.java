package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.stream.Stream;
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

    /**
     * Streaming TUMBLE with an on-event watermark {@code ts - 5 s} over out-of-order rows: exactly the
     * rows whose window had ended by the watermark before them (window_end - 1 ms <= max(previous ts) -
     * 5 s) are dropped; the end of the file fires the remaining windows.
     */
    @Test
    void streamingTumbleDropsExactlyTheLateRowsAtParallelismOneAndTwo() throws Exception {
        Random random = new Random(11);
        long base = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<String> lines = new ArrayList<>();
        Map<String, long[]> windows = new TreeMap<>();
        long watermark = Long.MIN_VALUE;
        int late = 0;
        for (int i = 0; i < 3000; i++) {
            long auction = 1 + random.nextInt(20);
            long price = 1 + random.nextInt(1_000_000);
            long ts = Math.max(base, base + i * 250L - (random.nextInt(100) < 6 ? 2000 + 250L * random.nextInt(113) : 0));
            lines.add(auction + ",1," + price + "," + format(ts, TS));
            long start = ts - Math.floorMod(ts, 10_000L);
            if (start + 10_000L - 1 <= watermark) {
                late++;
            } else {
                long[] window = windows.computeIfAbsent(format(start, HMS) + "," + auction, k -> new long[2]);
                window[0]++;
                window[1] = Math.max(window[1], price);
            }
            watermark = Math.max(watermark, ts - 5000L);
        }
        assertThat(late).as("the data has late rows").isGreaterThan(20);
        List<String> expected = windows.entrySet().stream().map(e -> e.getKey() + "," + e.getValue()[0] + ","
                + e.getValue()[1]).sorted().toList();
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), lines);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '"
                    + work.resolve("bids") + "', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event')");
            for (int parallelism = 1; parallelism <= 2; parallelism++) {
                Path out = work.resolve("win_out" + parallelism);
                psql.query("CREATE TABLE win_out" + parallelism + " (w STRING, auction BIGINT, n BIGINT, top BIGINT) "
                        + "WITH ('connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'csv')");
                psql.query("SET 'execution.runtime-mode' = 'streaming'",
                        "SET 'parallelism.default' = '" + parallelism + "'", "SET 'table.dml-sync' = 'true'",
                        "INSERT INTO win_out" + parallelism + " SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), auction, "
                                + "COUNT(*), MAX(price) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                                + "GROUP BY window_start, window_end, auction");
                assertThat(written(out)).as("parallelism %d", parallelism).isEqualTo(expected);
            }
            String jobs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.httpPort() + "/jobs")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(jobs.split("\"late-rows-dropped\":" + late + "\\b", -1)).as(jobs).hasSize(3);
        }
    }

    /** CUMULATE(step 5 s, size 20 s) in batch mode: a row counts in every window of its 20 s period that ends after it. */
    @Test
    void batchCumulateMatchesAnIndependentAnswer() throws Exception {
        Random random = new Random(3);
        long base = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<String> lines = new ArrayList<>();
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            long ts = base + random.nextInt(120_000);
            lines.add(i + ",1,1," + format(ts, TS));
            long start = ts - Math.floorMod(ts, 20_000L);
            for (long end = start + 5000; end <= start + 20_000; end += 5000) {
                if (ts < end) {
                    expected.merge(format(start, HMS) + "|" + format(end, HMS), 1, Integer::sum);
                }
            }
        }
        Files.createDirectories(work.resolve("c"));
        Files.write(work.resolve("c/c.csv"), lines);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE c (id BIGINT, x BIGINT, y BIGINT, ts TIMESTAMP(3)) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + work.resolve("c") + "', 'format' = 'csv')");
            assertThat(psql.query("SET 'parallelism.default' = '2'", "SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), "
                    + "DATE_FORMAT(window_end, 'HH:mm:ss'), COUNT(*) FROM TABLE(CUMULATE(TABLE c, DESCRIPTOR(ts), "
                    + "INTERVAL '5' SECOND, INTERVAL '20' SECOND)) GROUP BY window_start, window_end ORDER BY 1, 2"))
                    .isEqualTo(expected.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue())
                            .collect(Collectors.joining("\n")));
        }
    }

    /**
     * SESSION windows per key with a 3 s gap over rows at most 2 s out of order (inside the 5 s
     * watermark delay, so none is late), in batch and streaming mode at parallelism 1 and 2, compared
     * with sessions cut here from each key's rows in time order; then one row far behind the watermark
     * is dropped as late and counted.
     */
    @Test
    void sessionWindowsMatchSessionsCutIndependently() throws Exception {
        Random random = new Random(23);
        long base = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<long[]> rows = new ArrayList<>();
        long time = base;
        for (int i = 0; i < 1500; i++) {
            time += random.nextInt(10) == 0 ? 4000 + random.nextInt(4000) : random.nextInt(1500);
            rows.add(new long[] {1 + random.nextInt(3), time, 1 + random.nextInt(100)});
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            // swap neighbours now and then: out of order by less than 2 s
            long[] row = rows.get(i);
            if (i + 1 < rows.size() && random.nextInt(5) == 0 && rows.get(i + 1)[1] - row[1] < 2000) {
                long[] next = rows.get(i + 1);
                lines.add(next[0] + "," + next[2] + "," + format(next[1], TS));
                lines.add(row[0] + "," + row[2] + "," + format(row[1], TS));
                i++;
            } else {
                lines.add(row[0] + "," + row[2] + "," + format(row[1], TS));
            }
        }
        Map<String, long[]> sessions = new TreeMap<>();
        for (long key = 1; key <= 3; key++) {
            long k = key;
            List<long[]> ofKey = rows.stream().filter(r -> r[0] == k).sorted((a, b) -> Long.compare(a[1], b[1])).toList();
            int start = 0;
            for (int i = 1; i <= ofKey.size(); i++) {
                if (i == ofKey.size() || ofKey.get(i)[1] - ofKey.get(i - 1)[1] >= 3000) {
                    long sum = ofKey.subList(start, i).stream().mapToLong(r -> r[2]).sum();
                    sessions.put(key + "|" + format(ofKey.get(start)[1], TS) + "|" + format(ofKey.get(i - 1)[1] + 3000, TS),
                            new long[] {i - start, sum});
                    start = i;
                }
            }
        }
        String expected = sessions.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()[0] + "|" + e.getValue()[1])
                .collect(Collectors.joining("\n"));
        Files.createDirectories(work.resolve("s"));
        Files.write(work.resolve("s/s.csv"), lines);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE s (k BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) "
                    + "WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("s") + "', 'format' = 'csv', "
                    + "'scan.watermark.emit.strategy' = 'on-event')");
            String query = "SELECT k, DATE_FORMAT(window_start, 'yyyy-MM-dd HH:mm:ss.SSS'), "
                    + "DATE_FORMAT(window_end, 'yyyy-MM-dd HH:mm:ss.SSS'), COUNT(*), SUM(v) FROM TABLE(SESSION(TABLE s "
                    + "PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY k, window_start, window_end ORDER BY 1, 2";
            for (String mode : List.of("batch", "streaming")) {
                for (int parallelism = 1; parallelism <= 2; parallelism++) {
                    // parallelism 1 keeps state on the heap, 2 in RocksDB: both must give the same answer
                    assertThat(psql.query("SET 'execution.runtime-mode' = '" + mode + "'",
                            "SET 'parallelism.default' = '" + parallelism + "'",
                            "SET 'state.backend.type' = '" + (parallelism == 1 ? "hashmap" : "rocksdb") + "'", query))
                            .as("%s mode at parallelism %d", mode, parallelism).isEqualTo(expected);
                }
            }
            // a row 60 s behind the last one, far from every session of its key, is late in streaming mode
            long[] last = rows.get(rows.size() - 1);
            Files.write(work.resolve("s/s.csv"), List.of(last[0] + ",1," + format(last[1] - 60_000, TS)),
                    java.nio.file.StandardOpenOption.APPEND);
            assertThat(psql.query("SET 'execution.runtime-mode' = 'streaming'", query)).isEqualTo(expected);
        }
    }

    /** The lines of every visible file under {@code directory}, sorted. */
    static List<String> written(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines.stream().filter(line -> !line.isBlank()).sorted().toList();
        }
    }

    static String format(long millis, DateTimeFormatter formatter) {
        return formatter.format(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC));
    }
}
