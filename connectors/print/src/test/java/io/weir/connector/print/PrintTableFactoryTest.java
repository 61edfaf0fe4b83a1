package io.weir.connector.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class PrintTableFactoryTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.INT)),
            new Field("city", DataType.of(TypeKind.STRING)), new Field("price", DataType.decimal(10, 2)),
            new Field("ts", DataType.timestamp(3)), new Field("d", DataType.of(TypeKind.DATE)),
            new Field("b", DataType.of(TypeKind.BYTES))));

    private final PrintTableFactory factory = new PrintTableFactory();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void isFoundThroughServiceLoaderAsSinkOnly() {
        assertThat(ServiceLoader.load(TableFactory.class).stream().map(p -> p.get().identifier()))
                .contains("print");
        assertThat(factory.supportsSink()).isTrue();
        assertThat(factory.supportsSource()).isFalse();
    }

    @Test
    void printsRowsWithRowKindAndValues() {
        assertThat(print(null, 0, 1)).isEqualTo(List.of(
                "+I[1, Oslo, 12.50, 2026-03-01 10:00:00.000, 2026-03-01, x'0aff']",
                "+I[NULL, NULL, NULL, NULL, NULL, NULL]"));
    }

    @Test
    void prefixesLikeFlink() {
        assertThat(print("sink", 1, 4).get(0)).startsWith("sink:2> +I[1, ");
        assertThat(print("sink", 0, 1).get(0)).startsWith("sink> +I[1, ");
        assertThat(print(null, 2, 3).get(0)).startsWith("3> +I[1, ");
    }

    @Test
    void standardErrorOptionIsAccepted() {
        TableContext context = context(Map.of("standard-error", "true", "print-identifier", "x"));
        assertThat(factory.createSink(context)).isNotNull();
    }

    @Test
    void rejectsBadAndUnknownOptions() {
        assertThatThrownBy(() -> context(Map.of("standard-error", "yes")))
                .hasMessage("Invalid value 'yes' for option 'standard-error' of table 't': expected 'true' or 'false'");
        assertThatThrownBy(() -> context(Map.of("identifier", "x")))
                .hasMessage("Unknown option 'identifier' for table 't' (connector 'print'); "
                        + "supported options: print-identifier, sink.parallelism, standard-error");
    }

    private List<String> print(String identifier, int subtask, int parallelism) {
        output.reset();
        PrintSink sink = new PrintSink(SCHEMA, identifier, new PrintStream(output, true, StandardCharsets.UTF_8));
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = ArrowTypes.allocate(SCHEMA, allocator);
                SinkWriter writer = sink.createWriter(new SinkContext("job", subtask, parallelism))) {
            Object[] values = {1, "Oslo", new BigDecimal("12.50"), 1_772_359_200_000L, 20_513, new byte[] {10, -1}};
            for (int c = 0; c < values.length; c++) {
                BatchValues.set(batch.getVector(c), 0, values[c]);
                BatchValues.setNull(batch.getVector(c), 1);
            }
            batch.setRowCount(2);
            writer.write(batch);
            assertThat(writer.prepareCommit()).isEmpty();
        }
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private TableContext context(Map<String, String> options) {
        TableContext context = new TableContext("t", SCHEMA,
                Options.validate("t", "print", options, factory.options()), List.of());
        factory.validate(context);
        return context;
    }
}
