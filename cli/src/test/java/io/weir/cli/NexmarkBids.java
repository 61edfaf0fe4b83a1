package io.weir.cli;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The bids and auctions the {@code nexmark} connector generates for given options, read here through the
 * connector SPI (as the executor would, two splits), as the independent input of the expected
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
        TableFactory factory = ServiceLoader.load(TableFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.identifier().equals("nexmark")).findFirst().orElseThrow();
        Options options = Options.validate(type, "nexmark", Map.of("nexmark.table.type", type,
                "events.num", Long.toString(events), "first-event.rate", Long.toString(rate)), factory.options());
        TableSource source = factory.createSource(new TableContext(type, schema, options, List.of()));
        List<T> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<SourceSplit> splits = source.planSplits(2);
            for (int s = 0; s < splits.size(); s++) {
                try (SourceReader reader = source.createReader(splits.get(s), new ReaderContext("test", s, 2))) {
                    SourceReader.ReadStatus status;
                    do {
                        try (VectorSchemaRoot root = ArrowTypes.allocate(schema, allocator)) {
                            BatchBuilder builder = new BatchBuilder(root, 4096);
                            status = reader.read(builder);
                            VectorSchemaRoot batch = builder.finish();
                            for (int row = 0; row < batch.getRowCount(); row++) {
                                Object[] values = new Object[schema.size()];
                                for (int c = 0; c < values.length; c++) {
                                    values[c] = BatchValues.get(batch.getVector(c), row);
                                }
                                rows.add(make.apply(values));
                            }
                        }
                    } while (status != SourceReader.ReadStatus.END);
                }
            }
        }
        return rows;
    }
}
