package io.weir.connector.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** The print sink takes a changelog and prints each row with its kind, as Flink's does. */
class PrintChangelogTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("k", DataType.of(TypeKind.STRING)),
            new Field("n", DataType.of(TypeKind.BIGINT))));

    @Test
    void printsTheRowKindOfEachChange() {
        PrintTableFactory factory = new PrintTableFactory();
        TableContext context = new TableContext("t", SCHEMA, Options.validate("t", "print", Map.of(),
                factory.options()), List.of());
        assertThat(factory.changelogMode(context)).isEqualTo(ChangelogMode.ALL);
        assertThat(factory.createSink(context).acceptsChangelog()).isTrue();

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintSink sink = new PrintSink(SCHEMA, null, new PrintStream(output, true, StandardCharsets.UTF_8));
        RowType changelog = RowKind.withRowKind(SCHEMA);
        Object[][] rows = {{"a", 1L, RowKind.INSERT}, {"a", 1L, RowKind.UPDATE_BEFORE}, {"a", 2L, RowKind.UPDATE_AFTER},
            {null, null, RowKind.DELETE}};
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = ArrowTypes.allocate(changelog, allocator);
                SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            for (int r = 0; r < rows.length; r++) {
                BatchValues.set(batch.getVector(0), r, rows[r][0]);
                BatchValues.set(batch.getVector(1), r, rows[r][1]);
                BatchValues.set(batch.getVector(2), r, ((RowKind) rows[r][2]).toByteValue());
            }
            batch.setRowCount(rows.length);
            writer.write(batch);
        }
        assertThat(output.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("+I[a, 1]", "-U[a, 1]", "+U[a, 2]", "-D[NULL, NULL]");
    }
}
