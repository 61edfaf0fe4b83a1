package io.weir.connector.nexmark;

import static io.weir.connector.nexmark.NexmarkTestSupport.readAll;
import static io.weir.connector.nexmark.NexmarkTestSupport.schema;
import static io.weir.connector.nexmark.NexmarkTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {
    /** One event per millisecond, so that a row's event number is its dateTime minus the base time. */
    private static final Map<String, String> ONE_PER_MS = Map.of("first-event.rate", "1000");
    private static final long BASE = LocalDateTime.parse("2024-01-01T00:00:00").toInstant(ZoneOffset.UTC)
            .toEpochMilli();
    private static final int BID_AUCTION = 0;
    private static final int BID_BIDDER = 1;
    private static final int BID_PRICE = 2;
    private static final int BID_CHANNEL = 3;
    private static final int BID_URL = 4;
    private static final int BID_TIME = 5;
    private static final int BID_EXTRA = 6;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private List<List<Object>> read(EventType type, long events, int parallelism, Map<String, String> options) {
        return readAll(source(type, events, options), parallelism, allocator, schema(type), 1000);
    }

    private static long eventNumber(List<Object> row, int timeColumn) {
        return (Long) row.get(timeColumn) - BASE;
    }

    @Test
    void everyFiftyEventsAreOnePersonThreeAuctionsAndFortySixBids() {
        long events = 20_000;
        List<List<Object>> people = read(EventType.PERSON, events, 2, ONE_PER_MS);
        List<List<Object>> auctions = read(EventType.AUCTION, events, 2, ONE_PER_MS);
        List<List<Object>> bids = read(EventType.BID, events, 2, ONE_PER_MS);
        assertThat(people).hasSize(400);
        assertThat(auctions).hasSize(1200);
        assertThat(bids).hasSize(18_400);

        TreeMap<Long, String> types = new TreeMap<>();
        people.forEach(row -> assertThat(types.put(eventNumber(row, 6), "person")).isNull());
        auctions.forEach(row -> assertThat(types.put(eventNumber(row, 5), "auction")).isNull());
        bids.forEach(row -> assertThat(types.put(eventNumber(row, BID_TIME), "bid")).isNull());
        assertThat(types.firstKey()).isZero();
        assertThat(types.lastKey()).isEqualTo(events - 1);
        for (long epoch = 0; epoch < events / 50; epoch++) {
            long first = epoch * 50;
            assertThat(types.get(first)).isEqualTo("person");
            for (long n = first + 1; n <= first + 3; n++) {
                assertThat(types.get(n)).isEqualTo("auction");
            }
            for (long n = first + 4; n < first + 50; n++) {
                assertThat(types.get(n)).isEqualTo("bid");
            }
        }
    }

    @Test
    void idsOfPeopleAndAuctionsAreConsecutiveFromOneThousand() {
        List<List<Object>> people = sortedBy(read(EventType.PERSON, 5_000, 3, ONE_PER_MS), 6);
        List<List<Object>> auctions = sortedBy(read(EventType.AUCTION, 5_000, 3, ONE_PER_MS), 5);
        for (int i = 0; i < people.size(); i++) {
            assertThat(people.get(i).get(0)).isEqualTo(1000L + i);
        }
        for (int i = 0; i < auctions.size(); i++) {
            assertThat(auctions.get(i).get(0)).isEqualTo(1000L + i);
        }
    }

    @Test
    void splitsTogetherYieldTheSameEventsAtAnyParallelism() {
        long events = 123_457;
        for (EventType type : EventType.values()) {
            int timeColumn = type.fieldOf("dateTime");
            List<List<Object>> one = sortedBy(read(type, events, 1, ONE_PER_MS), timeColumn);
            List<List<Object>> three = sortedBy(read(type, events, 3, ONE_PER_MS), timeColumn);
            List<List<Object>> seven = sortedBy(read(type, events, 7, ONE_PER_MS), timeColumn);
            assertThat(three).as(type.name()).isEqualTo(one);
            assertThat(seven).as(type.name()).isEqualTo(one);
            assertThat(one).extracting(row -> eventNumber(row, timeColumn)).doesNotHaveDuplicates();
        }
    }

    @Test
    void repeatedRunsGenerateTheSameEvents() {
        assertThat(read(EventType.BID, 10_000, 2, Map.of())).isEqualTo(read(EventType.BID, 10_000, 2, Map.of()));
        assertThat(read(EventType.PERSON, 10_000, 1, Map.of())).isEqualTo(read(EventType.PERSON, 10_000, 1, Map.of()));
    }

    @Test
    void bidsReferToAuctionsAndPeopleOfTheOtherTables() {
        long events = 100_000;
        Set<Long> auctionIds = new HashSet<>();
        read(EventType.AUCTION, events, 2, ONE_PER_MS).forEach(row -> auctionIds.add((Long) row.get(0)));
        Set<Long> personIds = new HashSet<>();
        read(EventType.PERSON, events, 2, ONE_PER_MS).forEach(row -> personIds.add((Long) row.get(0)));
        List<List<Object>> bids = read(EventType.BID, events, 2, ONE_PER_MS);
        int future = 0;
        for (List<Object> bid : bids) {
            long n = eventNumber(bid, BID_TIME);
            // the auctions created up to event n: 3 per 50 events, the first at event 1
            long lastAuction = 1000 + (n / 50) * 3 + 2;
            long auction = (Long) bid.get(BID_AUCTION);
            assertThat(auction).isBetween(1000L, lastAuction + NexmarkConfig.ID_LEAD);
            assertThat(auction).isGreaterThanOrEqualTo(Math.max(lastAuction - NexmarkConfig.IN_FLIGHT_AUCTIONS, 1000));
            if (auction <= lastAuction) {
                assertThat(auctionIds).contains(auction);
            } else {
                future++;
            }
            long lastPerson = 1000 + n / 50;
            long bidder = (Long) bid.get(BID_BIDDER);
            assertThat(bidder).isBetween(1000L, lastPerson + NexmarkConfig.ID_LEAD);
            if (bidder <= lastPerson) {
                assertThat(personIds).contains(bidder);
            }
        }
        // only the random (non-hot) half of the choices may run ahead, by at most 10 auctions of ~111
        assertThat(future).isPositive().isLessThan(bids.size() / 10);
    }

    @Test
    void halfTheBidsGoToTheHotAuctionAndThreeQuartersComeFromTheHotBidder() {
        List<List<Object>> bids = read(EventType.BID, 200_000, 2, ONE_PER_MS);
        long hotAuction = 0;
        long hotBidder = 0;
        for (List<Object> bid : bids) {
            long n = eventNumber(bid, BID_TIME);
            long lastAuction = (n / 50) * 3 + 2;
            if ((Long) bid.get(BID_AUCTION) == lastAuction / 100 * 100 + 1000) {
                hotAuction++;
            }
            if ((Long) bid.get(BID_BIDDER) == (n / 50) / 100 * 100 + 1 + 1000) {
                hotBidder++;
            }
        }
        // the random choices hit the hot key now and then, hence slightly above 1/2 and 3/4
        assertThat((double) hotAuction / bids.size()).isBetween(0.49, 0.52);
        assertThat((double) hotBidder / bids.size()).isBetween(0.74, 0.76);
    }

    @Test
    void pricesAreLogUniformFromOneHundredToOneHundredMillion() {
        List<List<Object>> bids = read(EventType.BID, 200_000, 1, Map.of());
        long belowTenThousand = 0;
        long belowOneMillion = 0;
        for (List<Object> bid : bids) {
            long price = (Long) bid.get(BID_PRICE);
            assertThat(price).isBetween(Prices.MIN, Prices.MAX);
            belowTenThousand += price < 10_000 ? 1 : 0;
            belowOneMillion += price < 1_000_000 ? 1 : 0;
        }
        assertThat((double) belowTenThousand / bids.size()).isBetween(0.32, 0.35);
        assertThat((double) belowOneMillion / bids.size()).isBetween(0.65, 0.68);
    }

    @Test
    void channelsUrlsAndExtrasFollowThePublishedShapes() {
        List<List<Object>> bids = read(EventType.BID, 100_000, 1, Map.of());
        Set<String> hot = Set.of("Google", "Facebook", "Baidu", "Apple");
        Map<String, String> urlOf = new TreeMap<>();
        long hotCount = 0;
        long extraBytes = 0;
        for (List<Object> bid : bids) {
            String channel = (String) bid.get(BID_CHANNEL);
            String url = (String) bid.get(BID_URL);
            assertThat(url).startsWith("https://www.nexmark.com/").contains("item.htm?query=1");
            if (hot.contains(channel)) {
                hotCount++;
            } else {
                assertThat(channel).matches("channel-\\d{1,4}");
            }
            String previous = urlOf.putIfAbsent(channel, url);
            assertThat(previous == null || previous.equals(url)).as("one url per channel").isTrue();
            String extra = (String) bid.get(BID_EXTRA);
            // bid.avg-size 100 minus 32 bytes of numbers = 68, minus 14, plus 0..27
            assertThat(extra.length()).isBetween(54, 81);
            assertThat(extra).matches("[a-z]+");
            extraBytes += extra.length();
        }
        assertThat((double) hotCount / bids.size()).isBetween(0.49, 0.51);
        assertThat((double) extraBytes / bids.size()).isBetween(67.0, 69.0);
        long withChannelId = urlOf.entrySet().stream().filter(e -> !hot.contains(e.getKey()))
                .filter(e -> e.getValue().contains("&channel_id=")).count();
        long cold = urlOf.keySet().stream().filter(c -> !hot.contains(c)).count();
        assertThat((double) withChannelId / cold).isBetween(0.85, 0.95);
    }

    @Test
    void peopleAndAuctionsHaveThePublishedValueSets() {
        for (List<Object> person : read(EventType.PERSON, 50_000, 1, Map.of())) {
            assertThat((String) person.get(1)).matches("[A-Z][a-z]+ [A-Z][a-z]+");
            assertThat((String) person.get(2)).matches("[a-z ]+@[a-z ]+\\.com");
            assertThat((String) person.get(3)).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
            assertThat(person.get(5)).isIn("AZ", "CA", "ID", "OR", "WA", "WY");
        }
        for (List<Object> auction : read(EventType.AUCTION, 50_000, 1, Map.of())) {
            assertThat((Long) auction.get(8)).isBetween(10L, 14L);
            assertThat((Long) auction.get(4)).isGreaterThan((Long) auction.get(3));
            assertThat((Long) auction.get(6)).isGreaterThan((Long) auction.get(5));
            assertThat((String) auction.get(1)).isNotBlank().hasSizeLessThan(20).doesNotStartWith(" ");
            assertThat((Long) auction.get(7)).isGreaterThanOrEqualTo(1000L);
        }
    }

    private static List<List<Object>> sortedBy(List<List<Object>> rows, int column) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(row -> (Long) row.get(column)));
        return sorted;
    }
}
