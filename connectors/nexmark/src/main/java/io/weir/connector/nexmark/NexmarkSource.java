package io.weir.connector.nexmark;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable side of a nexmark table: the events of its type among the first {@code events}
 * events of the global sequence (all of them when {@code events} is 0), in blocks of 100 epochs
 * of the person:auction:bid mix dealt round-robin to the splits.
 */
final class NexmarkSource implements TableSource {
    private static final int EPOCHS_PER_BLOCK = 100;

    private final String tableName;
    private final NexmarkConfig config;
    private final int[] fields;
    private final long events;
    private final boolean rateLimited;

    NexmarkSource(String tableName, NexmarkConfig config, int[] fields, long events, boolean rateLimited) {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.config = requireNonNull(config, "config is null");
        this.fields = fields.clone();
        this.events = events;
        this.rateLimited = rateLimited;
    }

    @Override
    public boolean supportsProjection() {
        // columns are event fields by name, generated from the same random draws whichever are read
        return true;
    }

    @Override
    public boolean isBounded() {
        return events > 0;
    }

    /** {@code parallelism} splits, fewer when there are fewer blocks than that. */
    @Override
    public List<SourceSplit> planSplits(int parallelism) {
        long blockSize = (long) EPOCHS_PER_BLOCK * config.totalProportion();
        long endEvent = isBounded() ? events : Long.MAX_VALUE;
        int count = Math.max(1, parallelism);
        if (isBounded()) {
            count = (int) Math.max(1, Math.min(count, (events + blockSize - 1) / blockSize));
        }
        List<SourceSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(new NexmarkSplit("nexmark-" + tableName + "-" + i, i, count, blockSize, endEvent));
        }
        return List.copyOf(splits);
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        return new NexmarkReader((NexmarkSplit) split, config, EventWriter.create(config, fields),
                rateLimited ? System::nanoTime : null);
    }
}
