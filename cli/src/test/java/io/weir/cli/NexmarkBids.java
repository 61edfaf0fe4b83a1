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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The bids the {@code nexmark} connector generates for given options, read here through the
 * connector SPI (as the executor would, two splits), as the independent input of the expected
 * answers of Nexmark query tests.
 */
final class NexmarkBids {
    /** One generated bid; {@code dateTime} in epoch milliseconds (UTC). */
    record Bid(long auction, long bidder, long price, long dateTime, String extra) {
    }

    private static final RowType SCHEMA = new RowType(List.of(new Field("auction", DataType.of(TypeKind.BIGINT)),
            new Field("bidder", DataType.of(TypeKind.BIGINT)), new Field("price", DataType.of(TypeKind.BIGINT)),
            new Field("dateTime", DataType.timestamp(3)), new Field("extra", DataType.of(TypeKind.STRING))));

    private NexmarkBids() {
    }

    /** The bids of {@code events} events of all types at {@code rate} events per second. */
    static List<Bid> generate(long events, long rate) {
        TableFactory factory = ServiceLoader.load(TableFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.identifier().equals("nexmark")).findFirst().orElseThrow();
        Options options = Options.validate("bid", "nexmark", Map.of("nexmark.table.type", "bid",
                "events.num", Long.toString(events), "first-event.rate", Long.toString(rate)), factory.options());
        TableSource source = factory.createSource(new TableContext("bid", SCHEMA, options, List.of()));
        List<Bid> bids = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<SourceSplit> splits = source.planSplits(2);
            for (int s = 0; s < splits.size(); s++) {
                try (SourceReader reader = source.createReader(splits.get(s), new ReaderContext("test", s, 2))) {
                    SourceReader.ReadStatus status;
                    do {
                        try (VectorSchemaRoot root = ArrowTypes.allocate(SCHEMA, allocator)) {
                            BatchBuilder builder = new BatchBuilder(root, 4096);
                            status = reader.read(builder);
                            VectorSchemaRoot batch = builder.finish();
                            for (int row = 0; row < batch.getRowCount(); row++) {
                                bids.add(new Bid((Long) value(batch, 0, row), (Long) value(batch, 1, row),
                                        (Long) value(batch, 2, row), (Long) value(batch, 3, row),
                                        (String) value(batch, 4, row)));
                            }
                        }
                    } while (status != SourceReader.ReadStatus.END);
                }
            }
        }
        return bids;
    }

    private static Object value(VectorSchemaRoot batch, int column, int row) {
        return BatchValues.get(batch.getVector(column), row);
    }
}
