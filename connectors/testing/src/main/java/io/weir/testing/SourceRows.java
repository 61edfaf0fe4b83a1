package io.weir.testing;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a connector's source outside any job, as the executor would: splits planned, each read
 * into Arrow batches, and every row turned into Java values ({@link BatchValues#get}). For tests
 * that compare what a source produced with an answer computed independently.
 */
public final class SourceRows {
    private SourceRows() {
    }

    /** Reads every split of {@code source} to its end, in split order, in batches of {@code capacity} rows. */
    public static List<List<Object>> readAll(TableSource source, int parallelism, BufferAllocator allocator,
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

    /** One {@link SourceReader#read} into a batch of at most {@code capacity} rows, appended to {@code rows}. */
    public static SourceReader.ReadStatus readBatch(SourceReader reader, BufferAllocator allocator, RowType schema,
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
