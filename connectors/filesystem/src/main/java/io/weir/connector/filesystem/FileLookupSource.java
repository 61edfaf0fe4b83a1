package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.LookupSource;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filesystem table as the build side of a lookup join, as Flink's {@code FileSystemLookupFunction}:
 * the first lookup reads every file of the table (any format, partition values included) into an
 * in-memory map by the key columns, and later lookups answer from it until
 * {@code 'lookup.join.cache.ttl'} has passed since the load, when the next lookup reads the files
 * again. Rows whose key holds a NULL are left out (a NULL never matches). One instance per subtask
 * of the join, used from that subtask's thread only.
 */
final class FileLookupSource implements LookupSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileLookupSource.class);
    private static final int BATCH_ROWS = 4096;

    private final FileSystemConfig config;
    /** How to reach S3; null for a local table. */
    private final S3Settings s3;
    private final int[] keyColumns;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private Map<List<Object>, List<Object[]>> rows;
    private long loadedAtNanos;

    /**
     * @param keyColumns names of columns of the table's schema, in the order of each lookup key's values
     * @param nanoClock {@link System#nanoTime} but in tests
     */
    FileLookupSource(FileSystemConfig config, S3Settings s3, List<String> keyColumns, Duration ttl,
            LongSupplier nanoClock) {
        this.config = requireNonNull(config, "config is null");
        this.s3 = s3;
        this.keyColumns = new int[keyColumns.size()];
        for (int i = 0; i < this.keyColumns.length; i++) {
            this.keyColumns[i] = config.schema().names().indexOf(keyColumns.get(i));
            if (this.keyColumns[i] < 0) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Lookup key '" + keyColumns.get(i)
                        + "' is not a column of table '" + config.tableName() + "'");
            }
        }
        this.ttlNanos = requireNonNull(ttl, "ttl is null").toNanos();
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    @Override
    public Map<List<Object>, List<Object[]>> lookup(Collection<List<Object>> keys) {
        if (rows == null || nanoClock.getAsLong() - loadedAtNanos >= ttlNanos) {
            rows = load();
            loadedAtNanos = nanoClock.getAsLong();
        }
        Map<List<Object>, List<Object[]>> found = new HashMap<>();
        for (List<Object> key : keys) {
            List<Object[]> matches = rows.get(key);
            if (matches != null) {
                found.put(key, matches);
            }
        }
        return found;
    }

    /** Every row of the table's files by its key. */
    private Map<List<Object>, List<Object[]>> load() {
        FileSource source = new FileSource(config, s3);
        RowType schema = config.schema();
        Map<List<Object>, List<Object[]>> loaded = new HashMap<>();
        long count = 0;
        try (BufferAllocator allocator = new RootAllocator()) {
            for (SourceSplit split : source.planSplits(1)) {
                try (SourceReader reader = source.createReader(split, new ReaderContext("lookup", 0, 1))) {
                    SourceReader.ReadStatus status;
                    do {
                        try (VectorSchemaRoot root = ArrowTypes.allocate(schema, allocator)) {
                            BatchBuilder builder = new BatchBuilder(root, BATCH_ROWS);
                            status = reader.read(builder);
                            count += index(builder.finish(), loaded);
                        }
                    } while (status != SourceReader.ReadStatus.END);
                }
            }
        }
        LOG.info("Loaded {} rows of table '{}' for lookups", count, config.tableName());
        return loaded;
    }

    /** Adds the rows of {@code batch} to {@code index}; returns how many rows it held. */
    private int index(VectorSchemaRoot batch, Map<List<Object>, List<Object[]>> index) {
        int columns = batch.getFieldVectors().size();
        for (int row = 0; row < batch.getRowCount(); row++) {
            Object[] values = new Object[columns];
            for (int column = 0; column < columns; column++) {
                values[column] = BatchValues.get(batch.getVector(column), row);
            }
            Object[] key = new Object[keyColumns.length];
            boolean hasNull = false;
            for (int i = 0; i < keyColumns.length; i++) {
                key[i] = values[keyColumns[i]];
                hasNull |= key[i] == null;
            }
            if (!hasNull) {
                index.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(values);
            }
        }
        return batch.getRowCount();
    }

    @Override
    public void close() {
        rows = null;
    }
}
