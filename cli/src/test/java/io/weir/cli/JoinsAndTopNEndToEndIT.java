package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Joins and Top-N end to end through psql in batch mode, at parallelism 1 and 2: a Top-3 per auction
 * with ROW_NUMBER, an interval join (equi key plus a time range), and a LEFT JOIN whose NULL and
 * dangling keys must survive padded with NULLs. Expected answers are computed here in Java from the
 * same generated rows.
 */
class JoinsAndTopNEndToEndIT {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 1, 0, 0);

    @TempDir
    static Path work;

    private static TestServer server;
    private static PsqlClient psql;
    private static final List<Bid> BIDS = new ArrayList<>();
    private static final Map<Long, LocalDateTime> AUCTION_START = new TreeMap<>();

    /** {@code auction} is null for a few bids; auction 21 has no row in auctions. */
    record Bid(Long auction, long bidder, long price, LocalDateTime ts) {
    }

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        server = new TestServer(work.resolve("data"));
        psql = new PsqlClient(server.port());
        Random random = new Random(11);
        List<Long> prices = new ArrayList<>();
        for (long p = 1; p <= 6000; p++) {
            prices.add(p * 7 % 6007);
        }
        Collections.shuffle(prices, random);
        List<String> bidLines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int pick = random.nextInt(22);
            Long auction = pick == 0 ? null : (long) pick;
            Bid bid = new Bid(auction, 1 + random.nextInt(100), prices.get(i), T0.plusNanos(i * 250_000_000L));
            BIDS.add(bid);
            bidLines.add((auction == null ? "" : auction) + "," + bid.bidder() + "," + bid.price() + ","
                    + FORMAT.format(bid.ts()));
        }
        List<String> auctionLines = new ArrayList<>();
        for (long a = 1; a <= 20; a++) {
            LocalDateTime startTime = T0.plusSeconds(random.nextInt(701));
            AUCTION_START.put(a, startTime);
            auctionLines.add(a + "," + (1 + random.nextInt(50)) + "," + FORMAT.format(startTime));
        }
        Files.createDirectories(work.resolve("bids"));
        Files.createDirectories(work.resolve("auctions"));
        Files.write(work.resolve("bids/bids.csv"), bidLines);
        Files.write(work.resolve("auctions/auctions.csv"), auctionLines);
        psql.query("CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3)) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + work.resolve("bids") + "', 'format' = 'csv')",
                "CREATE TABLE auctions (id BIGINT, seller BIGINT, ts TIMESTAMP(3)) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + work.resolve("auctions") + "', 'format' = 'csv')");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String batch(int parallelism, String query) throws IOException, InterruptedException {
        return psql.query("SET 'execution.runtime-mode' = 'batch'",
                "SET 'parallelism.default' = '" + parallelism + "'", query);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void topThreeBidsPerAuction(int parallelism) throws Exception {
        String actual = batch(parallelism, "SELECT auction, bidder, price FROM ("
                + "SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, bidder) AS rn FROM bids) "
                + "WHERE rn <= 3 ORDER BY auction, price DESC, bidder");
        // NULL auctions form one partition, sorted first
        Map<Long, List<Bid>> byAuction = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Bid bid : BIDS) {
            byAuction.computeIfAbsent(bid.auction(), k -> new ArrayList<>()).add(bid);
        }
        List<String> expected = new ArrayList<>();
        byAuction.forEach((auction, bids) -> bids.stream()
                .sorted(Comparator.comparingLong(Bid::price).reversed().thenComparingLong(Bid::bidder)).limit(3)
                .forEach(b -> expected.add((auction == null ? "" : auction) + "|" + b.bidder() + "|" + b.price())));
        assertThat(actual).isEqualTo(String.join("\n", expected));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void intervalJoinCountsBidsWithinAMinuteOfTheAuctionStart(int parallelism) throws Exception {
        String actual = batch(parallelism, "SELECT b.auction, COUNT(*) FROM bids b JOIN auctions a "
                + "ON b.auction = a.id AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '60' SECOND "
                + "GROUP BY b.auction ORDER BY b.auction");
        Map<Long, Integer> counts = new TreeMap<>();
        for (Bid bid : BIDS) {
            LocalDateTime startTime = bid.auction() == null ? null : AUCTION_START.get(bid.auction());
            if (startTime != null && !bid.ts().isBefore(startTime) && !bid.ts().isAfter(startTime.plusSeconds(60))) {
                counts.merge(bid.auction(), 1, Integer::sum);
            }
        }
        List<String> expected = new ArrayList<>();
        counts.forEach((auction, count) -> expected.add(auction + "|" + count));
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(actual).isEqualTo(String.join("\n", expected));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void leftJoinKeepsBidsWithoutAnAuction(int parallelism) throws Exception {
        String actual = batch(parallelism, "SELECT b.auction, COUNT(*), COUNT(a.id), MIN(a.seller) IS NULL "
                + "FROM bids b LEFT JOIN auctions a ON b.auction = a.id GROUP BY b.auction ORDER BY b.auction");
        Map<Long, Integer> counts = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Bid bid : BIDS) {
            counts.merge(bid.auction(), 1, Integer::sum);
        }
        List<String> expected = new ArrayList<>();
        counts.forEach((auction, count) -> {
            boolean found = auction != null && AUCTION_START.containsKey(auction);
            expected.add(Objects.toString(auction, "") + "|" + count + "|" + (found ? count : 0) + "|"
                    + (found ? "f" : "t"));
        });
        assertThat(actual).isEqualTo(String.join("\n", expected));
    }

    @org.junit.jupiter.api.Test
    void flinkScalarFunctionsWithNulls() throws Exception {
        assertThat(psql.query("SELECT REGEXP_EXTRACT('foo123bar', '([a-z]+)([0-9]+)', 2), "
                + "REGEXP_EXTRACT('abc', '[0-9]+'), SPLIT_INDEX('a,b,c', ',', 1), SPLIT_INDEX('a,b', ',', 5), "
                + "CONCAT_WS('-', 'a', CAST(NULL AS STRING), 'b'), LPAD('hi', 5, 'xy'), RPAD('hi', 1, '?'), "
                + "LEFT('hello', 2), RIGHT('hello', 3), REPEAT('ab', 3), REVERSE('abc'), MD5('a'), "
                + "IF(1 > 2, 'yes', 'no'), IFNULL(CAST(NULL AS INT), 7), GREATEST(3, 9, 4), LEAST(3, CAST(NULL AS INT)), "
                + "FROM_UNIXTIME(86400), UNIX_TIMESTAMP('1970-01-02 00:00:01')"))
                .isEqualTo("123||b||a-b|xyxhi|h|he|llo|ababab|cba|0cc175b9c0f1b6a831c399e269772661|no|7|9||"
                        + "1970-01-02 00:00:00|86401");
        // the same functions over columns, where nothing is folded at planning time
        assertThat(psql.query("SELECT MAX(LPAD(CAST(bidder AS STRING), 4, '0')), COUNT(IF(auction IS NULL, 1, NULL)), "
                + "COUNT(REVERSE(CAST(auction AS STRING))) FROM bids"))
                .isEqualTo("0100|" + BIDS.stream().filter(b -> b.auction() == null).count() + "|"
                        + BIDS.stream().filter(b -> b.auction() != null).count());
    }
}
