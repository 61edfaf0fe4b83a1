package io.weir.connector.nexmark;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Declares nexmark tables the way the planner does and drains them into Java rows. */
final class NexmarkTestSupport {
    private NexmarkTestSupport() {
    }

    /** Every column of {@code type}, typed as in the published views. */
    static RowType schema(EventType type) {
        List<Field> fields = new ArrayList<>();
        for (EventType.Column column : type.columns()) {
            DataType dataType = switch (column.kind()) {
                case BIGINT -> DataType.of(TypeKind.BIGINT);
                case STRING -> DataType.of(TypeKind.STRING);
                case TIMESTAMP -> DataType.timestamp(3);
            };
            fields.add(new Field(column.name(), dataType));
        }
        return new RowType(fields);
    }

    static TableContext context(RowType schema, Map<String, String> options) {
        NexmarkTableFactory factory = new NexmarkTableFactory();
        Options validated = Options.validate("t", "nexmark", options, factory.options());
        TableContext context = new TableContext("t", schema, validated, List.of());
        factory.validate(context);
        return context;
    }

    /** A table of {@code type} with all its columns, {@code events} events and the given extra options. */
    static TableSource source(EventType type, long events, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("nexmark.table.type", type.optionValue());
        options.put("events.num", Long.toString(events));
        return new NexmarkTableFactory().createSource(context(schema(type), options));
    }

    /** Reads every split to its end, in split order, with batches of {@code capacity} rows. */
    static List<List<Object>> readAll(TableSource source, int parallelism, BufferAllocator allocator,
            RowType schema, int capacity) {
        List<List<Object>> rows = new ArrayList<>();
        List<SourceSplit> splits = source.planSplits(parallelism);
        for (int s = 0; s < splits.size(); s++) {
            try (SourceReader reader = source.createReader(splits.get(s), new ReaderContext("job", s, splits.size()))) {
                SourceReader.ReadStatus status;
                do {
                    status = readBatch(reader, allocator, schema, capacity, rows);
                } while (status != SourceReader.ReadStatus.END);
            }
        }
        return rows;
    }

    static SourceReader.ReadStatus readBatch(SourceReader reader, BufferAllocator allocator, RowType schema,
            int capacity, List<List<Object>> rows) {
        try (VectorSchemaRoot root = ArrowTypes.allocate(schema, allocator)) {
            BatchBuilder builder = new BatchBuilder(root, capacity);
            SourceReader.ReadStatus status = reader.read(builder);
            VectorSchemaRoot batch = builder.finish();
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object[] row = new Object[schema.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = BatchValues.get(batch.getVector(c), r);
                }
                rows.add(Arrays.asList(row));
            }
            return status;
        }
    }
}
