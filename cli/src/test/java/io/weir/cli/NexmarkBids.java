package io.weir.cli;

import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.function.Function;

/**
 * The bids and auctions the {@code nexmark} connector generates for given options, read through the
 * connector SPI by {@link NexmarkTables}, as the independent input of the expected
 * answers of Nexmark query tests.
 */
final class NexmarkBids {
    /** One generated bid; {@code dateTime} in epoch milliseconds (UTC). */
    record Bid(long auction, long bidder, long price, long dateTime, String extra) {
    }

    /** One generated auction; times in epoch milliseconds (UTC). */
    record Auction(long id, long seller, long dateTime, long expires) {
    }

    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.timestamp(3);
    private static final RowType BID = new RowType(List.of(new Field("auction", BIGINT), new Field("bidder", BIGINT),
            new Field("price", BIGINT), new Field("dateTime", TIMESTAMP),
            new Field("extra", DataType.of(TypeKind.STRING))));
    private static final RowType AUCTION = new RowType(List.of(new Field("id", BIGINT), new Field("seller", BIGINT),
            new Field("dateTime", TIMESTAMP), new Field("expires", TIMESTAMP)));

    private NexmarkBids() {
    }

    /** The bids of {@code events} events of all types at {@code rate} events per second. */
    static List<Bid> generate(long events, long rate) {
        return read("bid", BID, events, rate, row -> new Bid((Long) row[0], (Long) row[1], (Long) row[2],
                (Long) row[3], (String) row[4]));
    }

    /** The auctions of {@code events} events of all types at {@code rate} events per second. */
    static List<Auction> auctions(long events, long rate) {
        return read("auction", AUCTION, events, rate, row -> new Auction((Long) row[0], (Long) row[1],
                (Long) row[2], (Long) row[3]));
    }

    private static <T> List<T> read(String type, RowType schema, long events, long rate, Function<Object[], T> make) {
        return NexmarkTables.generate(type, schema, events, rate).stream().map(row -> make.apply(row.toArray()))
                .toList();
    }
}
