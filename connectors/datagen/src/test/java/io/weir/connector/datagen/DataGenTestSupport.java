package io.weir.connector.datagen;

import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import io.weir.testing.SourceRows;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** Builds datagen tables the way the executor does and drains them into Java rows. */
final class DataGenTestSupport {
    private DataGenTestSupport() {
    }

    static TableContext context(RowType schema, Map<String, String> options) {
        DataGenTableFactory factory = new DataGenTableFactory();
        Options validated = Options.validate("t", "datagen", options, factory.options());
        TableContext context = new TableContext("t", schema, validated, List.of());
        factory.validate(context);
        return context;
    }

    static TableSource source(RowType schema, Map<String, String> options) {
        return new DataGenTableFactory().createSource(context(schema, options));
    }

    /** Reads every split to its end, in split order, with batches of {@code capacity} rows. */
    static List<List<Object>> readAll(TableSource source, int parallelism, BufferAllocator allocator,
            RowType schema, int capacity) {
        return SourceRows.readAll(source, parallelism, allocator, schema, capacity);
    }
}
