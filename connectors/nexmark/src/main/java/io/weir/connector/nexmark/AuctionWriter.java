package io.weir.connector.nexmark;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Generates auctions as the published {@code AuctionGenerator}: ids in creation order from 1000;
 * 3 in 4 sellers (auction.hot-ratio.sellers = 4) are the current hot seller (the first of the
 * last 100 people), the others one of the 1000 active people or the next 10; category 10..14;
 * initial bid and reserve (initial bid + another price) from the bid price distribution; an
 * auction lasts on average until 100 more auctions have been created; random item name (up to
 * 20 letters) and description (up to 100); {@code extra} fills to auction.avg-size bytes.
 * Writes each event straight into the batch's vectors.
 */
final class AuctionWriter implements EventWriter {
    private static final int HOT_GROUP = 100;
    private static final int CATEGORIES = 5;

    private final NexmarkConfig config;
    private final int[] fields;
    private final EventRandom random = new EventRandom();
    private final byte[] itemName = new byte[20];
    private final byte[] description = new byte[100];
    private BatchBuilder out;
    private int rows;

    AuctionWriter(NexmarkConfig config, int[] fields) {
        this.config = requireNonNull(config, "config is null");
        this.fields = fields.clone();
    }

    @Override
    public void begin(BatchBuilder batch) {
        this.out = requireNonNull(batch, "batch is null");
        this.rows = 0;
    }

    @Override
    public void add(long eventId) {
        random.reset(eventId);
        NexmarkConfig.Shape shape = config.sizes();
        long id = config.lastAuctionId(eventId) + NexmarkConfig.FIRST_AUCTION_ID;
        long seller;
        if (random.nextInt(shape.hotSellerRatio()) > 0) {
            seller = config.lastPersonId(eventId) / HOT_GROUP * HOT_GROUP;
        } else {
            seller = config.randomPersonId(eventId, random);
        }
        seller += NexmarkConfig.FIRST_PERSON_ID;
        long category = NexmarkConfig.FIRST_CATEGORY_ID + random.nextInt(CATEGORIES);
        long initialBid = Prices.next(random);
        long dateTime = config.timestampFor(eventId);
        long expires = dateTime + auctionLength(eventId, dateTime);
        int nameLength = TextPool.randomString(random, itemName.length, (byte) ' ', itemName, 0);
        int descriptionLength = TextPool.randomString(random, description.length, (byte) ' ', description, 0);
        long reserve = initialBid + Prices.next(random);
        int extraLength = TextPool.extraLength(random, 8 + nameLength + descriptionLength + 40, shape.avgAuctionSize());
        int extraOffset = TextPool.extraOffset(random, extraLength);

        int row = out.rowCount() + rows++;
        for (int column = 0; column < fields.length; column++) {
            switch (fields[column]) {
                case 0 -> ((BigIntVector) out.vector(column)).setSafe(row, id);
                case 1 -> ((VarCharVector) out.vector(column)).setSafe(row, itemName, 0, nameLength);
                case 2 -> ((VarCharVector) out.vector(column)).setSafe(row, description, 0, descriptionLength);
                case 3 -> ((BigIntVector) out.vector(column)).setSafe(row, initialBid);
                case 4 -> ((BigIntVector) out.vector(column)).setSafe(row, reserve);
                case 5 -> ((TimeStampVector) out.vector(column)).setSafe(row, dateTime);
                case 6 -> ((TimeStampVector) out.vector(column)).setSafe(row, expires);
                case 7 -> ((BigIntVector) out.vector(column)).setSafe(row, seller);
                case 8 -> ((BigIntVector) out.vector(column)).setSafe(row, category);
                case 9 -> ((VarCharVector) out.vector(column)).setSafe(row, TextPool.extraPool(), extraOffset,
                        extraLength);
                default -> throw new IllegalStateException("no auction field " + fields[column]);
            }
        }
    }

    /** Random, averaging the event time it takes to create {@link NexmarkConfig#IN_FLIGHT_AUCTIONS} more auctions. */
    private long auctionLength(long eventId, long dateTime) {
        long eventsForAuctions = (long) NexmarkConfig.IN_FLIGHT_AUCTIONS * config.totalProportion()
                / config.auctionProportion();
        long horizon = config.timestampFor(eventId + eventsForAuctions) - dateTime;
        return 1L + random.nextLong(Math.max(horizon * 2, 1L));
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void finish() {
        out.commitRows(rows);
        out = null;
    }
}
