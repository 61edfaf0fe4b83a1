package io.weir.cli;

import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.SourceRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The nexmark connector's tables generated here, outside any job: the {@code nexmark} table
 * factory found through the connector SPI (as the server finds it), every split read to its end
 * ({@link SourceRows}), each row as Java values (BIGINT {@code Long}, STRING {@code String},
 * TIMESTAMP(3) {@code Long} epoch milliseconds). Tests compare Weir's answers over the same table
 * options with answers computed from these rows.
 */
final class NexmarkTables {
    /** Every column of a person, in the order the query files declare them. */
    static final RowType PERSON = schema("id:BIGINT", "name:STRING", "emailAddress:STRING", "creditCard:STRING",
            "city:STRING", "state:STRING", "dateTime:TIMESTAMP", "extra:STRING");
    /** Every column of an auction, in the order the query files declare them. */
    static final RowType AUCTION = schema("id:BIGINT", "itemName:STRING", "description:STRING", "initialBid:BIGINT",
            "reserve:BIGINT", "dateTime:TIMESTAMP", "expires:TIMESTAMP", "seller:BIGINT", "category:BIGINT",
            "extra:STRING");
    /** Every column of a bid, in the order the query files declare them. */
    static final RowType BID = schema("auction:BIGINT", "bidder:BIGINT", "price:BIGINT", "channel:STRING",
            "url:STRING", "dateTime:TIMESTAMP", "extra:STRING");

    private static final int SPLITS = 2;
    private static final int BATCH_ROWS = 4096;

    private NexmarkTables() {
    }

    /**
     * The rows of the nexmark table of {@code tableType} (bid, auction or person) with the columns of
     * {@code schema}, generated with {@code 'events.num' = events} and {@code 'first-event.rate' = rate}.
     */
    static List<List<Object>> generate(String tableType, RowType schema, long events, long rate) {
        TableFactory factory = ServiceLoader.load(TableFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.identifier().equals("nexmark")).findFirst().orElseThrow();
        Options options = Options.validate(tableType, "nexmark", Map.of("nexmark.table.type", tableType,
                "events.num", Long.toString(events), "first-event.rate", Long.toString(rate)), factory.options());
        TableSource source = factory.createSource(new TableContext(tableType, schema, options, List.of()));
        try (BufferAllocator allocator = new RootAllocator()) {
            return SourceRows.readAll(source, SPLITS, allocator, schema, BATCH_ROWS);
        }
    }

    private static RowType schema(String... columns) {
        List<Field> fields = new ArrayList<>();
        for (String column : columns) {
            String[] nameAndKind = column.split(":");
            TypeKind kind = TypeKind.valueOf(nameAndKind[1]);
            fields.add(new Field(nameAndKind[0], kind == TypeKind.TIMESTAMP ? DataType.timestamp(3)
                    : DataType.of(kind)));
        }
        return new RowType(fields);
    }
}
