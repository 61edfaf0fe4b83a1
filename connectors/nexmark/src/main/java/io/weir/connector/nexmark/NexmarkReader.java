package io.weir.connector.nexmark;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.SourceReader;
import java.util.function.LongSupplier;

/**
 * Reads one {@link NexmarkSplit}: walks its blocks of global event numbers and has the writer
 * generate the events of the table's type, a batch per {@link #read}. With a clock (rate.limited),
 * event n is not emitted before n / first-event.rate seconds after the first read, so the splits
 * together keep to the rate. Runs on the subtask's thread only.
 */
final class NexmarkReader implements SourceReader {
    private final NexmarkSplit split;
    private final NexmarkConfig config;
    private final EventType type;
    private final EventWriter writer;
    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private long block;
    private long blockEnd;
    private long next;
    private boolean done;

    NexmarkReader(NexmarkSplit split, NexmarkConfig config, EventWriter writer, LongSupplier nanoClock) {
        this.split = requireNonNull(split, "split is null");
        this.config = requireNonNull(config, "config is null");
        this.type = config.type();
        this.writer = requireNonNull(writer, "writer is null");
        this.nanoClock = nanoClock;
        enterBlock(split.index());
    }

    @Override
    public ReadStatus read(BatchBuilder out) {
        if (done) {
            return ReadStatus.END;
        }
        long due = dueEvent();
        int room = out.capacity() - out.rowCount();
        writer.begin(out);
        while (writer.rows() < room) {
            if (next >= blockEnd) {
                enterBlock(block + split.count());
                if (done) {
                    break;
                }
            }
            if (next >= due) {
                break;
            }
            if (config.typeOf(next) == type) {
                writer.add(next);
            }
            next++;
        }
        int rows = writer.rows();
        writer.finish();
        if (done) {
            return ReadStatus.END;
        }
        return rows == 0 && next >= due ? ReadStatus.NOTHING_AVAILABLE : ReadStatus.MORE;
    }

    /** The first event number that may not be emitted yet; unlimited without a clock. */
    private long dueEvent() {
        if (nanoClock == null) {
            return Long.MAX_VALUE;
        }
        long now = nanoClock.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
        }
        return (long) ((now - startNanos) / 1e9 * config.eventsPerSecond()) + 1;
    }

    private void enterBlock(long index) {
        block = index;
        long start = index * split.blockSize();
        if (start >= split.endEvent() || start < 0) {
            done = true;
            return;
        }
        next = start;
        blockEnd = Math.min(split.endEvent(), start + split.blockSize());
    }

    @Override
    public void close() {
        // nothing to release: the writer holds no resources
    }
}
