package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.cli.NexmarkBids.Auction;
import io.weir.cli.NexmarkBids.Bid;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nexmark q6, q10, q12, q13 and q14 as the bench runs them (their files, their inputs from
 * {@link NexmarkInputs}), on an embedded server, each result compared with the same query computed
 * here in plain Java over the bids the generator makes ({@link NexmarkBids}). The blackhole sinks
 * of q12 to q14 become csv files, read back with SQL.
 */
class NexmarkExtraQueriesIT {
    private static final long EVENTS = 20_000;
    private static final long RATE = 10_000_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private static List<Bid> bids;

    @TempDir
    Path work;

    @FunctionalInterface
    private interface ReadBack<T> {
        T read(Statement statement) throws SQLException;
    }

    @BeforeAll
    static void generate() {
        bids = NexmarkBids.generate(EVENTS, RATE);
        assertThat(bids).hasSize((int) (EVENTS / 50 * 46));
    }

    @Test
    void q10WritesEveryBidIntoItsDayAndMinutePartition() throws Exception {
        Map<String, String> inputs = new HashMap<>();
        List<String> rows = run("q10", "automatic", inputs, statement -> {
            statement.execute("CREATE TABLE q10_files (auction BIGINT, bidder BIGINT, price BIGINT, "
                    + "`dateTime` TIMESTAMP(3), extra STRING, dt STRING, hm STRING) PARTITIONED BY (dt, hm) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + inputs.get("OUTPUT") + "', 'format' = 'csv')");
            return strings(statement, "SELECT auction, bidder, price, `dateTime`, extra, dt, hm FROM q10_files");
        });
        List<String> expected = new ArrayList<>();
        Set<String> partitions = new TreeSet<>();
        for (Bid bid : bids) {
            LocalDateTime time = time(bid.dateTime());
            String partition = "dt=" + DAY.format(time) + "/hm=" + MINUTE.format(time);
            partitions.add(partition);
            expected.add(bid.auction() + "|" + bid.bidder() + "|" + bid.price() + "|" + time + "|" + bid.extra() + "|"
                    + DAY.format(time) + "|" + MINUTE.format(time));
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        // Flink's layout: path/dt=.../hm=.../part files, ':' escaped as %3A, a _SUCCESS file per partition
        Path output = Path.of(inputs.get("OUTPUT"));
        Set<String> written = new TreeSet<>();
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = output.relativize(file);
                assertThat(relative.getNameCount()).as(relative.toString()).isEqualTo(3);
                String partition = relative.getName(0) + "/" + relative.getName(1).toString().replace("%3A", ":");
                (relative.getFileName().toString().equals("_SUCCESS") ? committed : written).add(partition);
            }
        }
        assertThat(written).isEqualTo(partitions);
        assertThat(committed).isEqualTo(partitions);
    }

    @Test
    void q12CountsEveryBidOfEachBidderInTenSecondProcessingTimeWindows() throws Exception {
        // streaming: the windows fire by the wall clock (the bench's bounded run plans it as a batch GROUP BY)
        Map<String, Long> counted = new HashMap<>();
        List<ScriptSplitter.Statement> script = new NexmarkBench(EVENTS, RATE, 2).statements("q12", Map.of());
        String insert = script.get(script.size() - 1).sql();
        run("q12", "streaming", new HashMap<>(), statement -> {
            statement.execute("SET 'execution.runtime-mode' = 'streaming'");
            assertThat(strings(statement, "EXPLAIN " + insert)).anyMatch(line -> line.contains("processing time"));
            try (ResultSet rows = statement.executeQuery(
                    "SELECT bidder, bid_count, starttime, endtime FROM nexmark_q12")) {
                while (rows.next()) {
                    LocalDateTime start = rows.getObject(3, LocalDateTime.class);
                    assertThat(rows.getObject(4, LocalDateTime.class)).isEqualTo(start.plusSeconds(10));
                    assertThat(start.getSecond() % 10).isZero();
                    assertThat(start.getNano()).isZero();
                    counted.merge(Long.toString(rows.getLong(1)), rows.getLong(2), Long::sum);
                }
            }
            return null;
        });
        Map<String, Long> expected = new HashMap<>();
        for (Bid bid : bids) {
            expected.merge(Long.toString(bid.bidder()), 1L, Long::sum);
        }
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void q13JoinsEachBidWithItsSideInputRow() throws Exception {
        List<String> rows = run("q13", "streaming", new HashMap<>(), statement -> strings(statement,
                "SELECT auction, bidder, price, `dateTime`, `value` FROM nexmark_q13"));
        List<String> expected = bids.stream().map(bid -> bid.auction() + "|" + bid.bidder() + "|" + bid.price() + "|"
                + time(bid.dateTime()) + "|" + NexmarkInputs.sideInputValue(bid.auction() % 10_000)).toList();
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void q14ScalesPricesNamesTheTimeOfDayAndCountsCharactersWithTheUserFunction() throws Exception {
        List<String> rows = run("q14", "automatic", new HashMap<>(), statement -> strings(statement,
                "SELECT auction, bidder, price, bidTimeType, `dateTime`, extra, c_counts FROM nexmark_q14"));
        List<String> expected = new ArrayList<>();
        BigDecimal low = BigDecimal.valueOf(1_000_000);
        BigDecimal high = BigDecimal.valueOf(50_000_000);
        for (Bid bid : bids) {
            BigDecimal price = new BigDecimal("0.908").multiply(BigDecimal.valueOf(bid.price()));
            if (price.compareTo(low) <= 0 || price.compareTo(high) >= 0) {
                continue;
            }
            int hour = time(bid.dateTime()).getHour();
            String type = hour >= 8 && hour <= 18 ? "dayTime" : hour <= 6 || hour >= 20 ? "nightTime" : "otherTime";
            long c = bid.extra() == null ? 0 : bid.extra().chars().filter(ch -> ch == 'c').count();
            expected.add(bid.auction() + "|" + bid.bidder() + "|" + price.setScale(3) + "|" + type + "|"
                    + time(bid.dateTime()) + "|" + bid.extra() + "|" + c);
        }
        assertThat(expected).isNotEmpty().hasSizeLessThan(bids.size());
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void q6AveragesTheLastElevenWinningPricesOfEachSellerInBatchMode() throws Exception {
        List<String> rows = run("q6", "automatic", new HashMap<>(), statement -> strings(statement,
                "SELECT seller, avg_price FROM nexmark_q6"));
        Map<Long, Auction> auctions = new HashMap<>();
        NexmarkBids.auctions(EVENTS, RATE).forEach(auction -> auctions.put(auction.id(), auction));
        // the winning bid of each auction: {price, dateTime}; a tie on the price leaves the time open
        Map<Long, long[]> winners = new HashMap<>();
        Set<Long> ambiguous = new HashSet<>();
        for (Bid bid : bids) {
            Auction auction = auctions.get(bid.auction());
            if (auction == null || bid.dateTime() < auction.dateTime() || bid.dateTime() > auction.expires()) {
                continue;
            }
            long[] winner = winners.get(auction.id());
            if (winner == null || bid.price() > winner[0]) {
                winners.put(auction.id(), new long[] {bid.price(), bid.dateTime()});
            } else if (bid.price() == winner[0] && bid.dateTime() != winner[1]) {
                ambiguous.add(auction.seller());
            }
        }
        Map<Long, List<long[]>> sales = new HashMap<>();
        winners.forEach((id, winner) -> sales.computeIfAbsent(auctions.get(id).seller(), s -> new ArrayList<>())
                .add(winner));
        List<String> expected = new ArrayList<>();
        sales.forEach((seller, sold) -> {
            sold.sort(Comparator.comparingLong(sale -> sale[1]));
            for (int i = 1; i < sold.size(); i++) {
                if (sold.get(i)[1] == sold.get(i - 1)[1]) {
                    // two sales at the same time: the ROWS frame's order between them is open
                    ambiguous.add(seller);
                }
            }
            for (int i = 0; i < sold.size(); i++) {
                long sum = 0;
                for (int j = Math.max(0, i - 10); j <= i; j++) {
                    sum += sold.get(j)[0];
                }
                expected.add(seller + "|" + sum / (i - Math.max(0, i - 10) + 1));
            }
        });
        assertThat(rows).hasSameSizeAs(expected);
        assertThat(ambiguous.size()).isLessThan(sales.size() / 2);
        assertThat(rows.stream().filter(row -> !ambiguous.contains(Long.parseLong(row.substring(0, row.indexOf('|'))))))
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .filter(row -> !ambiguous.contains(Long.parseLong(row.substring(0, row.indexOf('|'))))).toList());
    }

    @Test
    void q6IsRefusedInStreamingModeBecauseItsOverAggregationReadsAnUpdateStream() {
        assertThatThrownBy(() -> run("q6", "streaming", new HashMap<>(), statement -> null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("OverAggregate").hasMessageContaining("update changes");
    }

    @Test
    void theBenchRunsTheNewQueriesWithTheFilesTheyNeed() {
        for (String query : List.of("q10", "q13")) {
            BenchCommandIT.Run run = BenchCommandIT.bench("--query", query, "--events", Long.toString(EVENTS),
                    "--parallelism", "2", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"query\":\"" + query + "\"").contains("\"rows_written\":" + bids.size());
        }
    }

    /**
     * Runs {@code query}'s statements in {@code mode} on a fresh server, its {@code nexmark_*} sink
     * writing csv files unless the query writes files itself, then {@code readBack}. {@code inputs}
     * receives the variables of the query's input files.
     */
    private <T> T run(String query, String mode, Map<String, String> inputs, ReadBack<T> readBack)
            throws IOException, SQLException {
        NexmarkBench bench = new NexmarkBench(EVENTS, RATE, 2);
        inputs.putAll(NexmarkInputs.prepare(bench.script(query), Files.createDirectories(work.resolve("inputs"))));
        Path sink = work.resolve("sink");
        try (TestServer server = new TestServer(work.resolve("data"));
                Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                        + "/weir?preferQueryMode=simple", "weir", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET 'table.dml-sync' = 'true'");
            statement.execute("SET 'parallelism.default' = '2'");
            statement.execute("SET 'execution.runtime-mode' = '" + mode + "'");
            for (ScriptSplitter.Statement sql : bench.statements(query, inputs)) {
                statement.execute(sql.sql().replace("'connector' = 'blackhole'",
                        "'connector' = 'filesystem', 'path' = '" + sink + "', 'format' = 'csv'"));
            }
            statement.execute("SET 'execution.runtime-mode' = 'automatic'");
            return readBack.read(statement);
        }
    }

    /** The rows of {@code select} as text, columns joined by '|', timestamps as LocalDateTime. */
    private static List<String> strings(Statement statement, String select) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(select)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    boolean timestamp = result.getMetaData().getColumnType(c) == java.sql.Types.TIMESTAMP;
                    row.append(c > 1 ? "|" : "").append(timestamp ? result.getObject(c, LocalDateTime.class)
                            : result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static LocalDateTime time(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000),
                (int) Math.floorMod(epochMillis, 1000) * 1_000_000, ZoneOffset.UTC);
    }
}
