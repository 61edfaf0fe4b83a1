package io.weir.cli;

import static io.weir.cli.WindowsEndToEndIT.format;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Window Top-N, window deduplication and window joins in streaming mode over out-of-order CSV
 * input, written into append-only filesystem tables at parallelism 1 (heap state) and 4 (RocksDB),
 * compared with the same computed here in Java: the insert-only sinks take them (a changelog would be
 * refused), rows whose window had already closed are dropped and counted, and EXPLAIN names the
 * window operators.
 */
class WindowOperatorsEndToEndIT {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long BASE = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long SIZE = 10_000;
    private static final String TUMBLE = "INTERVAL '10' SECOND";

    @TempDir
    Path work;

    /** A bid: auction, price (unique), time (unique), and whether its window closed before it came. */
    private record Bid(long auction, long price, long ts, boolean late) {
        long windowStart() {
            return ts - Math.floorMod(ts, SIZE);
        }

        String window() {
            return format(windowStart(), HMS);
        }
    }

    @Test
    void windowTopNAndDeduplicationEqualAnIndependentAnswerAndDropLateRows() throws Exception {
        List<Bid> bids = bids(new Random(13), 2500);
        long late = bids.stream().filter(Bid::late).count();
        assertThat(late).as("the data has late rows").isGreaterThan(20);
        List<Bid> onTime = bids.stream().filter(b -> !b.late()).toList();
        Files.createDirectories(work.resolve("bids"));
        Files.write(work.resolve("bids/bids.csv"), bids.stream().map(b -> b.auction() + "," + b.price() + ","
                + format(b.ts(), TS)).toList());
        String windowed = "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), " + TUMBLE + "))";
        Map<String, String> queries = new TreeMap<>();
        Map<String, List<String>> expected = new TreeMap<>();
        queries.put("top3", "SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), auction, price, rownum FROM (SELECT *, "
                + "ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum FROM "
                + windowed + ") WHERE rownum <= 3");
        expected.put("top3", topPerWindow(onTime, Bid::window, Comparator.comparingLong(Bid::price).reversed(), 3,
                (b, rank) -> b.window() + "," + b.auction() + "," + b.price() + "," + rank));
        queries.put("first", "SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), auction, price FROM (SELECT *, "
                + "ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY ts ASC) AS rownum FROM "
                + windowed + ") WHERE rownum = 1");
        expected.put("first", topPerWindow(onTime, b -> b.window() + b.auction(), Comparator.comparingLong(Bid::ts), 1,
                (b, rank) -> b.window() + "," + b.auction() + "," + b.price()));
        queries.put("last", "SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), auction, price FROM (SELECT *, "
                + "ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY ts DESC) AS rownum FROM "
                + windowed + ") WHERE rownum <= 1");
        expected.put("last", topPerWindow(onTime, b -> b.window() + b.auction(),
                Comparator.comparingLong(Bid::ts).reversed(), 1, (b, rank) -> b.window() + "," + b.auction() + ","
                        + b.price()));
        queries.put("top2_totals", "SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), auction, total, rownum FROM (SELECT *, "
                + "ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC, auction) AS rownum FROM "
                + "(SELECT window_start, window_end, auction, SUM(price) AS total FROM " + windowed
                + " GROUP BY window_start, window_end, auction)) WHERE rownum <= 2");
        expected.put("top2_totals", topTotals(onTime, 2));
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '"
                    + work.resolve("bids") + "', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event')");
            assertThat(psql.query("SET 'execution.runtime-mode' = 'streaming'", "EXPLAIN " + queries.get("top3")))
                    .contains("WindowRank");
            for (int parallelism : new int[] {1, 4}) {
                for (Map.Entry<String, String> query : queries.entrySet()) {
                    String table = query.getKey() + "_" + parallelism;
                    String columns = query.getKey().startsWith("top") ? "w STRING, auction BIGINT, x BIGINT, r BIGINT"
                            : "w STRING, auction BIGINT, price BIGINT";
                    assertThat(insert(psql, parallelism, table, columns, query.getValue()))
                            .as("%s at parallelism %d", query.getKey(), parallelism)
                            .isEqualTo(expected.get(query.getKey()));
                }
            }
            String jobs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.httpPort() + "/jobs")).build(), HttpResponse.BodyHandlers.ofString()).body();
            // every job drops the late rows once: the window rank (or the window aggregate) over the TUMBLE
            assertThat(jobs.split("\"late-rows-dropped\":" + late + "\\b", -1)).as(jobs).hasSize(queries.size() * 2 + 1);
        }
    }

    /**
     * Window joins of two tables on the window and a key: INNER, LEFT and FULL, and IN / NOT EXISTS
     * (a window join with a window aggregation), at parallelism 1 and 4 against a nested loop. Each side's rows come out of order (within the watermark delay); the
     * join's watermark is the minimum of both sources, whose progress varies from run to run, so
     * late rows are left to the operator tests here.
     */
    @Test
    void windowJoinsEqualANestedLoop() throws Exception {
        Random random = new Random(29);
        List<long[]> left = sides(random, 600);
        List<long[]> right = sides(random, 500);
        write("l", left);
        write("r", right);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            for (String table : List.of("l", "r")) {
                psql.query("CREATE TABLE " + table + " (id BIGINT, k BIGINT, ts TIMESTAMP(3), "
                        + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '"
                        + work.resolve(table) + "', 'format' = 'csv')");
            }
            String from = "FROM (SELECT * FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), " + TUMBLE + "))) L %s "
                    + "(SELECT * FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), " + TUMBLE + "))) R "
                    + "ON L.window_start = R.window_start AND L.window_end = R.window_end AND L.k = R.k";
            assertThat(psql.query("SET 'execution.runtime-mode' = 'streaming'", "EXPLAIN SELECT L.id, R.id "
                    + String.format(from, "JOIN"))).contains("WindowJoin");
            for (int parallelism : new int[] {1, 4}) {
                for (String type : List.of("JOIN", "LEFT JOIN", "FULL JOIN")) {
                    String table = type.split(" ")[0].toLowerCase() + "_" + parallelism;
                    assertThat(insert(psql, parallelism, table, "l BIGINT, r BIGINT",
                            "SELECT L.id, R.id " + String.format(from, type)))
                            .as("%s at parallelism %d", type, parallelism).isEqualTo(nestedLoop(type, left, right));
                }
                String sameWindow = "L.window_start = R.window_start AND L.window_end = R.window_end";
                assertThat(insert(psql, parallelism, "semi_" + parallelism, "l BIGINT", "SELECT L.id FROM "
                        + windowed("l") + " L WHERE L.k IN (SELECT R.k FROM " + windowed("r") + " R WHERE " + sameWindow
                        + ")")).as("IN at parallelism %d", parallelism).isEqualTo(nestedLoop("SEMI", left, right));
                assertThat(insert(psql, parallelism, "anti_" + parallelism, "l BIGINT", "SELECT L.id FROM "
                        + windowed("l") + " L WHERE NOT EXISTS (SELECT * FROM " + windowed("r") + " R WHERE " + sameWindow
                        + " AND L.k = R.k)")).as("NOT EXISTS at parallelism %d", parallelism)
                        .isEqualTo(nestedLoop("ANTI", left, right));
            }
        }
    }

    /**
     * A checkpointed window Top-N stopped with a savepoint half way and resumed from it at another
     * parallelism: both runs' output together is exactly each window's top two ids, so no window's
     * rows were lost, doubled or given to two subtasks by the restore.
     */
    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({"2, 4, rocksdb", "2, 1, hashmap"})
    void aWindowTopNResumesFromASavepointAtAnotherParallelism(int before, int after, String backend)
            throws Exception {
        int rows = 3000;
        Path out = work.resolve("top_resumed");
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE src (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 50, 3), WATERMARK FOR ts AS ts - "
                    + "INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'number-of-rows' = '" + rows + "', "
                    + "'rows-per-second' = '1500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '" + rows + "')",
                    "CREATE TABLE top_resumed (id BIGINT, r BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                            + "', 'format' = 'csv')");
            String insert = "INSERT INTO top_resumed SELECT id, rownum FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                    + "window_start, window_end ORDER BY id DESC) AS rownum FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), "
                    + "INTERVAL '1' SECOND))) WHERE rownum <= 2";
            String[] settings = {"SET 'execution.runtime-mode' = 'streaming'", "SET 'state.backend.type' = '" + backend
                    + "'", "SET 'execution.checkpointing.interval' = '200ms'"};
            String job = psql.query(settings[0], settings[1], settings[2],
                    "SET 'parallelism.default' = '" + before + "'", insert);
            Thread.sleep(1000);
            String savepoint = psql.query("STOP JOB '" + job + "' WITH SAVEPOINT");
            List<String> expected = new ArrayList<>();
            // window w (1 s) holds the ids whose id * 50 ms falls into it: 20 w .. 20 w + 19
            for (long window = 0; window * 20 <= rows; window++) {
                long last = Math.min(rows, window * 20 + 19);
                for (long rank = 1; rank <= 2 && last - rank + 1 >= Math.max(1, window * 20); rank++) {
                    expected.add((last - rank + 1) + "," + rank);
                }
            }
            List<String> first = Files.isDirectory(out) ? WindowsEndToEndIT.written(out) : List.of();
            assertThat(first).as("the first run stopped half way, after some windows").isNotEmpty()
                    .isNotEqualTo(expected.stream().sorted().toList());
            psql.query(settings[0], settings[1], settings[2], "SET 'parallelism.default' = '" + after + "'",
                    "SET 'execution.savepoint.path' = '" + savepoint + "'", "SET 'table.dml-sync' = 'true'", insert);
            assertThat(WindowsEndToEndIT.written(out)).isEqualTo(expected.stream().sorted().toList());
        }
    }

    /** Runs {@code INSERT INTO table SELECT …} to its end and returns the sorted lines it wrote. */
    private List<String> insert(PsqlClient psql, int parallelism, String table, String columns, String query)
            throws Exception {
        Path out = work.resolve(table);
        psql.query("CREATE TABLE " + table + " (" + columns + ") WITH ('connector' = 'filesystem', 'path' = '" + out
                + "', 'format' = 'csv')");
        psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '" + parallelism + "'",
                "SET 'state.backend.type' = '" + (parallelism == 1 ? "hashmap" : "rocksdb") + "'",
                "SET 'table.dml-sync' = 'true'", "INSERT INTO " + table + " " + query);
        return WindowsEndToEndIT.written(out);
    }

    /**
     * Bids 200 ms apart; about one in 16 is 3 to 30 s early, behind the on-event watermark {@code max
     * (earlier ts) - 5 s} if its window ended by then ({@code window_end - 1 <= watermark}): late.
     */
    private static List<Bid> bids(Random random, int count) {
        List<Long> prices = new ArrayList<>();
        for (long p = 1; p <= count; p++) {
            prices.add(p * 7);
        }
        java.util.Collections.shuffle(prices, random);
        Set<Long> times = new HashSet<>();
        List<Bid> bids = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long ts = BASE + i * 200L - (random.nextInt(16) == 0 ? 3000 + random.nextInt(27_000) : random.nextInt(150));
            while (!times.add(ts)) {
                ts++;
            }
            long windowEnd = ts - Math.floorMod(ts, SIZE) + SIZE;
            bids.add(new Bid(1 + random.nextInt(6), prices.get(i), ts, windowEnd - 1 <= watermark));
            watermark = Math.max(watermark, ts - 5000);
        }
        return bids;
    }

    /** What each window's (group's) best {@code n} bids by {@code order} write, via {@code line}(bid, rank). */
    private static List<String> topPerWindow(List<Bid> bids, Function<Bid, String> group, Comparator<Bid> order, int n,
            java.util.function.BiFunction<Bid, Integer, String> line) {
        Map<String, List<Bid>> groups = bids.stream().collect(Collectors.groupingBy(group));
        List<String> lines = new ArrayList<>();
        for (List<Bid> ofGroup : groups.values()) {
            List<Bid> sorted = ofGroup.stream().sorted(order).toList();
            for (int i = 0; i < Math.min(n, sorted.size()); i++) {
                lines.add(line.apply(sorted.get(i), i + 1));
            }
        }
        return lines.stream().sorted().toList();
    }

    /** Per window the {@code n} auctions with the highest price totals (ties: the lower auction first). */
    private static List<String> topTotals(List<Bid> bids, int n) {
        Map<String, Map<Long, Long>> totals = new TreeMap<>();
        for (Bid bid : bids) {
            totals.computeIfAbsent(bid.window(), w -> new TreeMap<>()).merge(bid.auction(), bid.price(), Long::sum);
        }
        List<String> lines = new ArrayList<>();
        totals.forEach((window, byAuction) -> {
            List<Map.Entry<Long, Long>> sorted = byAuction.entrySet().stream()
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .toList();
            for (int i = 0; i < Math.min(n, sorted.size()); i++) {
                lines.add(window + "," + sorted.get(i).getKey() + "," + sorted.get(i).getValue() + "," + (i + 1));
            }
        });
        return lines.stream().sorted().toList();
    }

    /** Rows {id, k, ts} 300 ms apart, each up to 4 s early (inside the 5 s watermark delay). */
    private static List<long[]> sides(Random random, int count) {
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new long[] {i + 1, random.nextInt(5), BASE + i * 300L - random.nextInt(4000)});
        }
        return rows;
    }

    private static String windowed(String table) {
        return "TABLE(TUMBLE(TABLE " + table + ", DESCRIPTOR(ts), " + TUMBLE + "))";
    }

    /**
     * The window join on (window, k) of {@code left} and {@code right} as the sink writes it (NULL:
     * empty); SEMI and ANTI: the ids of the left rows with and without a match.
     */
    private static List<String> nestedLoop(String type, List<long[]> left, List<long[]> right) {
        List<String> lines = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (long[] l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                long[] r = right.get(j);
                if (l[1] == r[1] && Math.floorDiv(l[2], SIZE) == Math.floorDiv(r[2], SIZE)) {
                    if (!type.equals("SEMI") && !type.equals("ANTI")) {
                        lines.add(l[0] + "," + r[0]);
                    }
                    matched = true;
                    rightMatched[j] = true;
                }
            }
            if (type.equals("SEMI") && matched || type.equals("ANTI") && !matched) {
                lines.add(String.valueOf(l[0]));
            } else if (!matched && (type.startsWith("LEFT") || type.startsWith("FULL"))) {
                lines.add(l[0] + ",");
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && type.startsWith("FULL")) {
                lines.add("," + right.get(j)[0]);
            }
        }
        return lines.stream().sorted().toList();
    }

    private void write(String name, List<long[]> rows) throws IOException {
        Files.createDirectories(work.resolve(name));
        Files.write(work.resolve(name).resolve(name + ".csv"),
                rows.stream().map(r -> r[0] + "," + r[1] + "," + format(r[2], TS)).toList());
    }
}
