package io.weir.connector.nexmark;

import static io.weir.connector.nexmark.NexmarkTestSupport.context;
import static io.weir.connector.nexmark.NexmarkTestSupport.readAll;
import static io.weir.connector.nexmark.NexmarkTestSupport.readBatch;
import static io.weir.connector.nexmark.NexmarkTestSupport.schema;
import static io.weir.connector.nexmark.NexmarkTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NexmarkTableFactoryTest {
    private static final RowType PRICE_AUCTION = new RowType(List.of(
            new Field("PRICE", DataType.of(TypeKind.BIGINT)), new Field("auction", DataType.of(TypeKind.BIGINT))));

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void isFoundThroughServiceLoaderAndDescribesItsOptions() {
        assertThat(ServiceLoader.load(TableFactory.class).stream().map(p -> p.get().identifier()))
                .contains("nexmark");
        TableFactory factory = new NexmarkTableFactory();
        assertThat(factory.supportsSource()).isTrue();
        assertThat(factory.supportsSink()).isFalse();
        assertThat(factory.options()).allSatisfy(o -> assertThat(o.description()).isNotBlank());
    }

    @Test
    void tableTypeIsRequired() {
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("events.num", "10")))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("needs the option 'nexmark.table.type'");
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bids")))
                .hasMessageContaining("Invalid value 'bids' for option 'nexmark.table.type'")
                .hasMessageContaining("one of bid, auction, person");
    }

    @Test
    void badValuesAndUnknownOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bid", "events.num", "-1")))
                .hasMessageContaining("'events.num'");
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bid", "first-event.rate", "0")))
                .hasMessageContaining("'first-event.rate'");
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bid", "rate.limited", "yes")))
                .hasMessageContaining("'rate.limited'");
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bid", "base-time", "today")))
                .hasMessageContaining("'base-time'").hasMessageContaining("2024-01-01 00:00:00");
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bid", "bid.avg-size", "1000000")))
                .hasMessageContaining("'bid.avg-size'").hasMessageContaining("at most 100000");
        assertThatThrownBy(() -> context(PRICE_AUCTION, Map.of("nexmark.table.type", "bid", "next-event.rate", "5")))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("Unknown option 'next-event.rate'")
                .hasMessageContaining("first-event.rate");
    }

    @Test
    void columnsMustBeFieldsOfTheEventTypeWithTheirTypes() {
        RowType unknown = new RowType(List.of(new Field("seller", DataType.of(TypeKind.BIGINT))));
        assertThatThrownBy(() -> context(unknown, Map.of("nexmark.table.type", "bid")))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("Column 'seller' of table 't' is not a field of nexmark bid events")
                .hasMessageContaining("auction, bidder, price, channel, url, dateTime, extra");
        RowType wrongType = new RowType(List.of(new Field("price", DataType.of(TypeKind.INT))));
        assertThatThrownBy(() -> context(wrongType, Map.of("nexmark.table.type", "bid")))
                .isInstanceOfSatisfying(WeirException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATATYPE_MISMATCH))
                .hasMessageContaining("has type INT, but nexmark bid field 'price' is a BIGINT");
        RowType ltz = new RowType(List.of(new Field("dateTime", DataType.of(TypeKind.TIMESTAMP_LTZ))));
        context(ltz, Map.of("nexmark.table.type", "person"));
    }

    @Test
    void aSubsetOfColumnsInAnyOrderHoldsTheSameValues() {
        Map<String, String> options = Map.of("nexmark.table.type", "bid", "events.num", "5000");
        TableSource narrow = new NexmarkTableFactory().createSource(context(PRICE_AUCTION, options));
        List<List<Object>> narrowRows = readAll(narrow, 2, allocator, PRICE_AUCTION, 100);
        List<List<Object>> fullRows = readAll(source(EventType.BID, 5000, Map.of()), 2, allocator,
                schema(EventType.BID), 100);
        assertThat(narrowRows).hasSameSizeAs(fullRows);
        for (int i = 0; i < fullRows.size(); i++) {
            assertThat(narrowRows.get(i)).containsExactly(fullRows.get(i).get(2), fullRows.get(i).get(0));
        }
    }

    @Test
    void boundedOnlyWithEventsNum() {
        assertThat(source(EventType.BID, 10, Map.of()).isBounded()).isTrue();
        assertThat(source(EventType.BID, 0, Map.of()).isBounded()).isFalse();
        assertThat(source(EventType.BID, 0, Map.of()).planSplits(4)).hasSize(4);
        // 10 events fill one block, so one split
        assertThat(source(EventType.BID, 10, Map.of()).planSplits(4)).hasSize(1);
    }

    @Test
    void rateLimitedReadersKeepToTheEventRateOfWallClockTime() {
        TableSource source = source(EventType.BID, 0, Map.of("first-event.rate", "1000", "rate.limited", "true"));
        NexmarkSplit split = (NexmarkSplit) source.planSplits(1).get(0);
        NexmarkConfig config = new NexmarkConfig(EventType.BID, 1, 3, 46,
                new NexmarkConfig.Shape(200, 500, 100, 2, 4, 4), 1000, 0);
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        RowType schema = schema(EventType.BID);
        List<List<Object>> rows = new ArrayList<>();
        try (SourceReader reader = new NexmarkReader(split, config,
                EventWriter.create(config, new int[] {0, 1, 2, 3, 4, 5, 6}), nanos::get)) {
            // at the first read only event 0, a person, is due
            assertThat(readBatch(reader, allocator, schema, 1000, rows)).isEqualTo(SourceReader.ReadStatus.NOTHING_AVAILABLE);
            nanos.addAndGet(99_000_000L);
            // events 0..99 are due after 99 ms: 92 bids among the first 100 events
            assertThat(readBatch(reader, allocator, schema, 1000, rows)).isEqualTo(SourceReader.ReadStatus.MORE);
            assertThat(rows).hasSize(92);
            assertThat(readBatch(reader, allocator, schema, 1000, rows)).isEqualTo(SourceReader.ReadStatus.NOTHING_AVAILABLE);
            nanos.addAndGet(10_000_000_000L);
            assertThat(readBatch(reader, allocator, schema, 100_000, rows)).isEqualTo(SourceReader.ReadStatus.MORE);
            assertThat(rows).hasSize(10_100 / 50 * 46);
        }
    }
}
