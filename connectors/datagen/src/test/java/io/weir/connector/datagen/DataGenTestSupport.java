package io.weir.connector.datagen;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

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
        List<List<Object>> rows = new ArrayList<>();
        List<SourceSplit> splits = source.planSplits(parallelism);
        for (int s = 0; s < splits.size(); s++) {
            try (SourceReader reader = source.createReader(splits.get(s), new ReaderContext("job", s, splits.size()))) {
                SourceReader.ReadStatus status;
                do {
                    try (VectorSchemaRoot root = io.weir.spi.batch.ArrowTypes.allocate(schema, allocator)) {
                        BatchBuilder builder = new BatchBuilder(root, capacity);
                        status = reader.read(builder);
                        VectorSchemaRoot batch = builder.finish();
                        for (int r = 0; r < batch.getRowCount(); r++) {
                            Object[] row = new Object[schema.size()];
                            for (int c = 0; c < row.length; c++) {
                                row[c] = BatchValues.get(batch.getVector(c), r);
                            }
                            rows.add(Arrays.asList(row));
                        }
                    }
                } while (status != SourceReader.ReadStatus.END);
            }
        }
        return rows;
    }
}
