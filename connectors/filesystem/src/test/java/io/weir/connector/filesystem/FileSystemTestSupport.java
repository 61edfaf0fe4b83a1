package io.weir.connector.filesystem;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import io.weir.testing.SourceRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Drives filesystem sources and sinks the way the executor does. */
final class FileSystemTestSupport {
    private FileSystemTestSupport() {
    }

    static TableContext context(RowType schema, Map<String, String> options, List<String> partitionKeys) {
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableContext context = new TableContext("t", schema,
                Options.validate("t", "filesystem", options, factory.options()), partitionKeys);
        factory.validate(context);
        return context;
    }

    static List<List<Object>> readAll(TableSource source, RowType schema, BufferAllocator allocator) {
        List<List<Object>> rows = new ArrayList<>();
        List<SourceSplit> splits = source.planSplits(2);
        for (SourceSplit split : splits) {
            try (SourceReader reader = source.createReader(split, new ReaderContext("job", 0, 1))) {
                rows.addAll(drain(reader, schema, allocator));
            }
        }
        return rows;
    }

    static List<List<Object>> drain(SourceReader reader, RowType schema, BufferAllocator allocator) {
        List<List<Object>> rows = new ArrayList<>();
        SourceReader.ReadStatus status;
        do {
            status = SourceRows.readBatch(reader, allocator, schema, 3, rows);
        } while (status != SourceReader.ReadStatus.END);
        return rows;
    }

    /** Writes {@code rows} through one writer per subtask (row i to subtask i % parallelism) and returns the committables. */
    static List<Committable> write(TableSink sink, RowType schema, List<List<Object>> rows, int parallelism,
            BufferAllocator allocator) {
        List<Committable> committables = new ArrayList<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            try (SinkWriter writer = sink.createWriter(new SinkContext("job", subtask, parallelism));
                    VectorSchemaRoot batch = ArrowTypes.allocate(schema, allocator)) {
                int count = 0;
                for (int i = subtask; i < rows.size(); i += parallelism) {
                    for (int c = 0; c < schema.size(); c++) {
                        BatchValues.set(batch.getVector(c), count, rows.get(i).get(c));
                    }
                    count++;
                }
                batch.setRowCount(count);
                writer.write(batch);
                committables.addAll(writer.prepareCommit());
            }
        }
        return committables;
    }
}
