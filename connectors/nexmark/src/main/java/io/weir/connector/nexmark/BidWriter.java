package io.weir.connector.nexmark;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Generates bids as the published {@code BidGenerator}: half the bids (bid.hot-ratio.auctions = 2)
 * go to the current hot auction (the first of the last 100 created), the others to one of the 100
 * in-flight auctions or the next 10; 3 in 4 bidders (bid.hot-ratio.bidders = 4) are the current
 * hot bidder, the others one of the 1000 active people or the next 10; price = round(10^(6u)·100);
 * half the bids come through one of four hot channels, the others through one of 10,000 channels
 * with a fixed URL each; {@code extra} fills the bid to bid.avg-size bytes (±20 %).
 *
 * <p>Unlike the published generator, bidder ids are offset by 1000 once, not twice, so that they
 * are the ids of people of the person table. Hot path: values are generated into primitive arrays,
 * then each declared column is written into its vector in one loop.
 */
final class BidWriter implements EventWriter {
    /** Hot auctions and bidders change every this many created auctions/people. */
    private static final int HOT_GROUP = 100;
    /** Bytes of the fixed-size fields, counted towards bid.avg-size as the published generator does. */
    private static final int FIXED_SIZE = 32;

    private final NexmarkConfig config;
    private final int[] fields;
    private final EventRandom random = new EventRandom();
    private BatchBuilder out;
    private int rows;
    private long[] auction = new long[0];
    private long[] bidder = new long[0];
    private long[] price = new long[0];
    private long[] dateTime = new long[0];
    private int[] channel = new int[0];
    private int[] extraOffset = new int[0];
    private int[] extraLength = new int[0];

    BidWriter(NexmarkConfig config, int[] fields) {
        this.config = requireNonNull(config, "config is null");
        this.fields = fields.clone();
    }

    @Override
    public void begin(BatchBuilder batch) {
        this.out = requireNonNull(batch, "batch is null");
        this.rows = 0;
        int room = batch.capacity() - batch.rowCount();
        if (auction.length < room) {
            auction = new long[room];
            bidder = new long[room];
            price = new long[room];
            dateTime = new long[room];
            channel = new int[room];
            extraOffset = new int[room];
            extraLength = new int[room];
        }
    }

    @Override
    public void add(long eventId) {
        int row = rows++;
        random.reset(eventId);
        NexmarkConfig.Shape shape = config.sizes();
        long auctionId;
        if (random.nextInt(shape.hotAuctionRatio()) > 0) {
            auctionId = config.lastAuctionId(eventId) / HOT_GROUP * HOT_GROUP;
        } else {
            auctionId = config.randomAuctionId(eventId, random);
        }
        auction[row] = auctionId + NexmarkConfig.FIRST_AUCTION_ID;
        long bidderId;
        if (random.nextInt(shape.hotBidderRatio()) > 0) {
            // the second person of the group, so that hot bidders and hot sellers differ
            bidderId = config.lastPersonId(eventId) / HOT_GROUP * HOT_GROUP + 1;
        } else {
            bidderId = config.randomPersonId(eventId, random);
        }
        bidder[row] = bidderId + NexmarkConfig.FIRST_PERSON_ID;
        price[row] = Prices.next(random);
        channel[row] = random.nextInt(2) > 0 ? random.nextInt(TextPool.HOT_CHANNELS)
                : TextPool.HOT_CHANNELS + random.nextInt(TextPool.COLD_CHANNELS);
        int length = TextPool.extraLength(random, FIXED_SIZE, shape.avgBidSize());
        extraLength[row] = length;
        extraOffset[row] = TextPool.extraOffset(random, length);
        dateTime[row] = config.timestampFor(eventId);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void finish() {
        int offset = out.rowCount();
        for (int column = 0; column < fields.length; column++) {
            switch (fields[column]) {
                case 0 -> writeLongs((BigIntVector) out.vector(column), offset, auction);
                case 1 -> writeLongs((BigIntVector) out.vector(column), offset, bidder);
                case 2 -> writeLongs((BigIntVector) out.vector(column), offset, price);
                case 3 -> writeChannels((VarCharVector) out.vector(column), offset, false);
                case 4 -> writeChannels((VarCharVector) out.vector(column), offset, true);
                case 5 -> writeTimestamps((TimeStampVector) out.vector(column), offset);
                case 6 -> writeExtras((VarCharVector) out.vector(column), offset);
                default -> throw new IllegalStateException("no bid field " + fields[column]);
            }
        }
        out.commitRows(rows);
        out = null;
    }

    private void writeLongs(BigIntVector vector, int offset, long[] values) {
        for (int i = 0; i < rows; i++) {
            vector.setSafe(offset + i, values[i]);
        }
    }

    private void writeTimestamps(TimeStampVector vector, int offset) {
        for (int i = 0; i < rows; i++) {
            vector.setSafe(offset + i, dateTime[i]);
        }
    }

    private void writeChannels(VarCharVector vector, int offset, boolean urls) {
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            bytes += (urls ? TextPool.url(channel[i]) : TextPool.channel(channel[i])).length;
        }
        reserve(vector, offset, bytes);
        for (int i = 0; i < rows; i++) {
            byte[] value = urls ? TextPool.url(channel[i]) : TextPool.channel(channel[i]);
            vector.set(offset + i, value, 0, value.length);
        }
    }

    private void writeExtras(VarCharVector vector, int offset) {
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            bytes += extraLength[i];
        }
        reserve(vector, offset, bytes);
        byte[] pool = TextPool.extraPool();
        for (int i = 0; i < rows; i++) {
            vector.set(offset + i, pool, extraOffset[i], extraLength[i]);
        }
    }

    /**
     * Grows {@code vector} once for this call's rows from {@code offset} on and their {@code bytes}, so
     * that they are written with {@code set}: {@code setSafe} checks and regrows the buffers row by row.
     * Rows before {@code offset} are all set, so the data so far ends at row {@code offset}'s start.
     */
    private void reserve(VarCharVector vector, int offset, long bytes) {
        if (rows == 0) {
            return;
        }
        while (vector.getValueCapacity() < offset + rows) {
            vector.reallocValidityAndOffsetBuffers();
        }
        long needed = (offset == 0 ? 0 : vector.getStartOffset(offset)) + bytes;
        if (vector.getByteCapacity() < needed) {
            vector.reallocDataBuffer(needed);
        }
    }
}
