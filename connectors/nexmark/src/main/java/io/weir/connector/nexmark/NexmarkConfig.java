package io.weir.connector.nexmark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * The generator's parameters, and the arithmetic of the published generator that maps an event
 * number to its type, its time and the ids it may refer to. Ids are "base 0" here; the generators
 * add {@link #FIRST_PERSON_ID} or {@link #FIRST_AUCTION_ID}.
 *
 * @param type the event type the table holds
 * @param personProportion people among every {@link #totalProportion()} events (default 1)
 * @param auctionProportion auctions among them (default 3)
 * @param bidProportion bids among them (default 46)
 * @param sizes the average sizes and hot ratios
 * @param eventsPerSecond events of all types per second of event time
 * @param baseTime event time of event 0, milliseconds since 1970-01-01T00:00
 */
record NexmarkConfig(EventType type, int personProportion, int auctionProportion, int bidProportion,
        Shape sizes, long eventsPerSecond, long baseTime) implements Serializable {
    static final long FIRST_PERSON_ID = 1000L;
    static final long FIRST_AUCTION_ID = 1000L;
    static final long FIRST_CATEGORY_ID = 10L;
    /** Auctions likely to be open at any time; bids pick among them. */
    static final int IN_FLIGHT_AUCTIONS = 100;
    /** People likely to be active at any time; bids and auctions pick among them. */
    static final int ACTIVE_PEOPLE = 1000;
    /** Ids a little ahead of the last created one may be picked, as if events were swapped in time. */
    static final int ID_LEAD = 10;

    NexmarkConfig {
        requireNonNull(type, "type is null");
        requireNonNull(sizes, "sizes is null");
    }

    /**
     * Average sizes (bytes) and hot-key ratios: a share of 1 - 1/ratio of the bids (auctions)
     * refer to the current hot auction or bidder (seller).
     */
    record Shape(int avgPersonSize, int avgAuctionSize, int avgBidSize, int hotAuctionRatio, int hotBidderRatio,
            int hotSellerRatio) implements Serializable {
    }

    int totalProportion() {
        return personProportion + auctionProportion + bidProportion;
    }

    /** The type of event number {@code eventId} in the global sequence. */
    EventType typeOf(long eventId) {
        long offset = eventId % totalProportion();
        if (offset < personProportion) {
            return EventType.PERSON;
        }
        return offset < personProportion + auctionProportion ? EventType.AUCTION : EventType.BID;
    }

    /** Event time of event {@code eventId}: base time + eventId × (10^6 / rate) µs, truncated to ms. */
    long timestampFor(long eventId) {
        double delayMicros = 1_000_000.0 / eventsPerSecond;
        return baseTime + (long) (eventId * delayMicros) / 1000L;
    }

    /** The last person id created at or before {@code eventId} (the current one for a person event). */
    long lastPersonId(long eventId) {
        long epoch = eventId / totalProportion();
        long offset = eventId % totalProportion();
        if (offset >= personProportion) {
            offset = personProportion - 1;
        }
        return epoch * personProportion + offset;
    }

    /** The last auction id created at or before {@code eventId} (the current one for an auction event). */
    long lastAuctionId(long eventId) {
        long epoch = eventId / totalProportion();
        long offset = eventId % totalProportion();
        if (offset < personProportion) {
            epoch--;
            offset = auctionProportion - 1;
        } else if (offset >= personProportion + auctionProportion) {
            offset = auctionProportion - 1;
        } else {
            offset -= personProportion;
        }
        return epoch * auctionProportion + offset;
    }

    /** A random active person, or one of the next {@link #ID_LEAD} to be created. */
    long randomPersonId(long eventId, EventRandom random) {
        long people = lastPersonId(eventId) + 1;
        long active = Math.min(people, ACTIVE_PEOPLE);
        return people - active + random.nextLong(active + ID_LEAD);
    }

    /** A random auction among the last {@link #IN_FLIGHT_AUCTIONS}, or one of the next {@link #ID_LEAD}. */
    long randomAuctionId(long eventId, EventRandom random) {
        long last = lastAuctionId(eventId);
        long min = Math.max(last - IN_FLIGHT_AUCTIONS, 0);
        return min + random.nextLong(last - min + 1 + ID_LEAD);
    }
}
