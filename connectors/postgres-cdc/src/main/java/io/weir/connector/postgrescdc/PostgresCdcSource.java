package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import java.util.List;

/**
 * The readable side of a {@code postgres-cdc} table: unbounded; one replication slot is read by
 * one reader (split 0), and the source's parallelism becomes the number of connections that read
 * the snapshot's chunks in parallel inside that reader. The other subtasks get splits that never
 * produce a row but stay running, so that they take part in checkpoints (a finished subtask
 * cannot).
 */
final class PostgresCdcSource implements TableSource {
    /** Split 0 reads the slot; the others are idle. */
    record SlotSplit(String slot, int index) implements SourceSplit {
        @Override
        public String splitId() {
            return "slot:" + slot + (index == 0 ? "" : ":idle-" + index);
        }
    }

    /** The reader of an idle split: nothing, forever. */
    private static final class IdleReader implements SourceReader {
        @Override
        public ReadStatus read(io.weir.spi.batch.BatchBuilder out) {
            return ReadStatus.NOTHING_AVAILABLE;
        }

        @Override
        public byte[] snapshotPosition(long checkpointId) {
            return new byte[0];
        }

        @Override
        public void close() {
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
        int splits = Math.max(1, parallelism);
        snapshotThreads = Math.min(splits, 8);
        List<SourceSplit> result = new java.util.ArrayList<>();
        for (int i = 0; i < splits; i++) {
            result.add(new SlotSplit(config.slot(), i));
        }
        return result;
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        if (((SlotSplit) split).index() > 0) {
            return new IdleReader();
        }
        return new PostgresCdcReader(config.withSnapshotThreads(Math.max(snapshotThreads,
                Math.min(context.parallelism(), 8))), context);
    }
}
