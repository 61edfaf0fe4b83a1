package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import java.util.List;

/**
 * The readable side of a {@code postgres-cdc} table: unbounded, one split (one replication slot is
 * read by one reader). The source's parallelism becomes the number of connections that read the
 * snapshot's chunks in parallel inside that reader.
 */
final class PostgresCdcSource implements TableSource {
    /** The only split of a table: its slot. */
    record SlotSplit(String slot) implements SourceSplit {
        @Override
        public String splitId() {
            return "slot:" + slot;
        }
    }

    private final CdcConfig config;
    private volatile int snapshotThreads = 1;

    PostgresCdcSource(CdcConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public boolean isBounded() {
        return false;
    }

    @Override
    public List<SourceSplit> planSplits(int parallelism) {
        snapshotThreads = Math.max(1, Math.min(parallelism, 8));
        return List.of(new SlotSplit(config.slot()));
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        return new PostgresCdcReader(config.withSnapshotThreads(Math.max(snapshotThreads, context.parallelism())),
                context);
    }
}
