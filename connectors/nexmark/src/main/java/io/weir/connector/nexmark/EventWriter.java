package io.weir.connector.nexmark;

import io.weir.spi.batch.BatchBuilder;

/**
 * Generates the events of one type into a batch: {@link #begin} binds the batch, {@link #add}
 * generates one event (given its global number) as the next row, {@link #finish} completes the
 * rows and commits them to the batch. Single-threaded; reused for every batch of a reader.
 */
interface EventWriter {
    void begin(BatchBuilder out);

    /** Adds event {@code eventId}, which must be of this writer's type. */
    void add(long eventId);

    /** Rows added since {@link #begin}. */
    int rows();

    /** Writes what is pending and commits the rows to the batch given to {@link #begin}. */
    void finish();

    static EventWriter create(NexmarkConfig config, int[] fields) {
        return switch (config.type()) {
            case BID -> new BidWriter(config, fields);
            case AUCTION -> new AuctionWriter(config, fields);
            case PERSON -> new PersonWriter(config, fields);
        };
    }
}
