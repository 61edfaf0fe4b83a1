package io.weir.connector.nexmark;

import io.weir.spi.connector.ConfigOption;
import java.util.List;

/**
 * The options of the {@code nexmark} connector: {@code nexmark.table.type} picks the event type
 * (as RisingWave's connector does); the others are named and defaulted as the published Nexmark
 * source's {@code NexmarkSourceOptions}.
 */
public final class NexmarkOptions {
    public static final ConfigOption<String> TABLE_TYPE = ConfigOption.enumeration("nexmark.table.type", null,
            "Which events the table holds: bid, auction or person (required).", "bid", "auction", "person");
    public static final ConfigOption<Long> EVENTS_NUM = ConfigOption.longValue("events.num", 0L, 0,
            "Total number of events of all types to generate (the table holds its type's share); "
                    + "0 or absent means unbounded.");
    public static final ConfigOption<Long> FIRST_EVENT_RATE = ConfigOption.longValue("first-event.rate", 10_000L, 1,
            "Events (of all types) per second of event time: event n happens n / rate seconds after 'base-time'.");
    public static final ConfigOption<Boolean> RATE_LIMITED = ConfigOption.booleanValue("rate.limited", false,
            "Whether to emit events at 'first-event.rate' in wall-clock time; false generates as fast as possible.");
    public static final ConfigOption<String> BASE_TIME = ConfigOption.string("base-time", "2024-01-01 00:00:00",
            "Event time of event 0, a TIMESTAMP such as '2024-01-01 00:00:00' (fixed so that runs repeat).");
    public static final ConfigOption<Long> PERSON_PROPORTION = ConfigOption.longValue("person.proportion", 1L, 1,
            "People among every person.proportion + auction.proportion + bid.proportion events.");
    public static final ConfigOption<Long> AUCTION_PROPORTION = ConfigOption.longValue("auction.proportion", 3L, 1,
            "Auctions among every person.proportion + auction.proportion + bid.proportion events.");
    public static final ConfigOption<Long> BID_PROPORTION = ConfigOption.longValue("bid.proportion", 46L, 1,
            "Bids among every person.proportion + auction.proportion + bid.proportion events.");
    public static final ConfigOption<Long> PERSON_AVG_SIZE = ConfigOption.longValue("person.avg-size", 200L, 1,
            "Average size of a person in bytes; the 'extra' column fills up to it (at most 100000).");
    public static final ConfigOption<Long> AUCTION_AVG_SIZE = ConfigOption.longValue("auction.avg-size", 500L, 1,
            "Average size of an auction in bytes; the 'extra' column fills up to it (at most 100000).");
    public static final ConfigOption<Long> BID_AVG_SIZE = ConfigOption.longValue("bid.avg-size", 100L, 1,
            "Average size of a bid in bytes; the 'extra' column fills up to it (at most 100000).");
    public static final ConfigOption<Long> HOT_AUCTION_RATIO = ConfigOption.longValue("bid.hot-ratio.auctions", 2L, 1,
            "1 - 1/ratio of the bids go to the current hot auction.");
    public static final ConfigOption<Long> HOT_BIDDER_RATIO = ConfigOption.longValue("bid.hot-ratio.bidders", 4L, 1,
            "1 - 1/ratio of the bids come from the current hot bidder.");
    public static final ConfigOption<Long> HOT_SELLER_RATIO = ConfigOption.longValue("auction.hot-ratio.sellers", 4L,
            1, "1 - 1/ratio of the auctions are opened by the current hot seller.");

    /** Every option the connector accepts. */
    public static final List<ConfigOption<?>> ALL = List.of(TABLE_TYPE, EVENTS_NUM, FIRST_EVENT_RATE, RATE_LIMITED,
            BASE_TIME, PERSON_PROPORTION, AUCTION_PROPORTION, BID_PROPORTION, PERSON_AVG_SIZE, AUCTION_AVG_SIZE,
            BID_AVG_SIZE, HOT_AUCTION_RATIO, HOT_BIDDER_RATIO, HOT_SELLER_RATIO);

    private NexmarkOptions() {
    }
}
