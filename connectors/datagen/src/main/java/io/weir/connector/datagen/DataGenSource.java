package io.weir.connector.datagen;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable side of a datagen table: {@code totalRows} rows (or unbounded when negative),
 * divided into contiguous slices, one per subtask; {@code rowsPerSecond} (0 = unpaced) is shared
 * among the slices.
 */
final class DataGenSource implements TableSource {
    private final String tableName;
    private final List<FieldSpec> fields;
    private final long totalRows;
    private final double rowsPerSecond;

    DataGenSource(String tableName, List<FieldSpec> fields, long totalRows, double rowsPerSecond) {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        this.totalRows = totalRows;
        this.rowsPerSecond = rowsPerSecond;
    }

    @Override
    public boolean isBounded() {
        return totalRows >= 0;
    }

    /** Slices of near-equal size (they differ by at most one row); fewer than {@code parallelism} for tiny tables. */
    @Override
    public List<SourceSplit> planSplits(int parallelism) {
        int count = Math.max(1, parallelism);
        if (isBounded()) {
            count = (int) Math.max(1, Math.min(count, totalRows));
        }
        List<SourceSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long first = isBounded() ? boundary(i, count) : 0;
            long end = isBounded() ? boundary(i + 1, count) : Long.MAX_VALUE;
            String id = "datagen-" + tableName + "-" + i;
            splits.add(new DataGenSplit(id, first, end, rowsPerSecond / count, mix(id.hashCode())));
        }
        return List.copyOf(splits);
    }

    private long boundary(int index, int count) {
        return totalRows / count * index + Math.min(index, totalRows % count);
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        DataGenReader reader = new DataGenReader((DataGenSplit) split, fields, System::nanoTime, System::currentTimeMillis);
        if (context.isRestored()) {
            reader.resumeAt(context.restoredPosition());
        }
        return reader;
    }

    /** A 64-bit finaliser (from SplitMix64) so that neighbouring split ids give unrelated seeds. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
