package io.weir.connector.datagen;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.type.TypeKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Generates the rows of one {@link DataGenSplit}, a batch per {@link #read} call, writing straight
 * into the batch's vectors. Paced by a {@link RateLimiter} when the split has a rate. Runs on the
 * subtask's thread only.
 */
final class DataGenReader implements SourceReader {
    private final ColumnGenerator[] generators;
    private final boolean[] utc;
    private final long endRow;
    private final RateLimiter limiter;
    private final LongSupplier wallClock;
    private final ZoneId zone = ZoneId.systemDefault();
    private long nextRow;

    DataGenReader(DataGenSplit split, List<FieldSpec> fields, LongSupplier nanoClock, LongSupplier wallClock) {
        SplittableRandom random = new SplittableRandom(split.seed());
        this.generators = new ColumnGenerator[fields.size()];
        this.utc = new boolean[fields.size()];
        for (int i = 0; i < generators.length; i++) {
            // each column gets its own stream so that adding a column does not change the others
            generators[i] = ColumnGenerators.create(fields.get(i), random.split());
            utc[i] = fields.get(i).type().kind() == TypeKind.TIMESTAMP_LTZ;
        }
        this.nextRow = split.firstRow();
        this.endRow = split.endRow();
        this.limiter = split.rowsPerSecond() > 0 ? new RateLimiter(split.rowsPerSecond(), nanoClock) : null;
        this.wallClock = wallClock;
    }

    @Override
    public ReadStatus read(BatchBuilder out) {
        if (nextRow >= endRow) {
            return ReadStatus.END;
        }
        int count = (int) Math.min(out.capacity() - out.rowCount(), endRow - nextRow);
        if (count <= 0) {
            return ReadStatus.MORE;
        }
        if (limiter != null) {
            count = limiter.acquire(count);
            if (count == 0) {
                return ReadStatus.NOTHING_AVAILABLE;
            }
        }
        long nowUtc = wallClock.getAsLong();
        long nowLocal = nowUtc + zone.getRules().getOffset(Instant.ofEpochMilli(nowUtc)).getTotalSeconds()
                * 1000L;
        int offset = out.rowCount();
        for (int i = 0; i < generators.length; i++) {
            generators[i].fill(out.vector(i), offset, count, nextRow, utc[i] ? nowUtc : nowLocal);
        }
        out.commitRows(count);
        nextRow += count;
        return nextRow >= endRow ? ReadStatus.END : ReadStatus.MORE;
    }

    /** The index of the next row: sequences resume exactly; random columns draw new values after a resume. */
    @Override
    public byte[] snapshotPosition(long checkpointId) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(nextRow).array();
    }

    /** Continues at the row a checkpoint stored (see {@link #snapshotPosition}). */
    void resumeAt(byte[] position) {
        long row = java.nio.ByteBuffer.wrap(position).getLong();
        if (row > nextRow && row <= endRow) {
            // a sequence column depends on the row index only; skipping rows costs nothing
            nextRow = row;
        }
    }

    @Override
    public void close() {
        // nothing to release: generators hold no resources
    }
}
