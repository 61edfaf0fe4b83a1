package io.weir.connector.blackhole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class BlackHoleTableFactoryTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT))));
    private final BlackHoleTableFactory factory = new BlackHoleTableFactory();

    @Test
    void isFoundThroughServiceLoaderAsSinkOnly() {
        assertThat(ServiceLoader.load(TableFactory.class).stream().map(p -> p.get().identifier()))
                .contains("blackhole");
        assertThat(factory.supportsSink()).isTrue();
        assertThat(factory.supportsSource()).isFalse();
    }

    @Test
    void countsAndDiscardsRows() {
        TableSink sink = factory.createSink(context(Map.of("sink.parallelism", "2")));
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = ArrowTypes.allocate(SCHEMA, allocator);
                SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            batch.allocateNew();
            batch.setRowCount(5);
            writer.write(batch);
            writer.write(batch);
            assertThat(((BlackHoleWriter) writer).rowCount()).isEqualTo(10);
            assertThat(writer.prepareCommit()).isEmpty();
            sink.commit(List.of());
        }
    }

    @Test
    void rejectsBadAndUnknownOptions() {
        assertThatThrownBy(() -> context(Map.of("sink.parallelism", "0")))
                .hasMessage("Invalid value '0' for option 'sink.parallelism' of table 't': "
                        + "expected a whole number of at least 1");
        assertThatThrownBy(() -> context(Map.of("path", "/tmp")))
                .hasMessage("Unknown option 'path' for table 't' (connector 'blackhole'); "
                        + "supported options: sink.parallelism");
    }

    private TableContext context(Map<String, String> options) {
        TableContext context = new TableContext("t", SCHEMA,
                Options.validate("t", "blackhole", options, factory.options()), List.of());
        factory.validate(context);
        return context;
    }
}
