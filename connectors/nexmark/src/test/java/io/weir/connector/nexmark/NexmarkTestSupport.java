package io.weir.connector.nexmark;

import io.weir.spi.connector.Options;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.SourceRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

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
        return SourceRows.readAll(source, parallelism, allocator, schema, capacity);
    }

    static SourceReader.ReadStatus readBatch(SourceReader reader, BufferAllocator allocator, RowType schema,
            int capacity, List<List<Object>> rows) {
        return SourceRows.readBatch(reader, allocator, schema, capacity, rows);
    }
}
