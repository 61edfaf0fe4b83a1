package io.weir.executor.internal;

import io.weir.executor.operator.Output;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Counts rows out of a chain's last operator before they enter an exchange (or are dropped). */
final class CountingOutput implements Output {
    private final Output delegate;
    private final LongAdder rowsOut;

    CountingOutput(Output delegate, LongAdder rowsOut) {
        this.delegate = delegate;
        this.rowsOut = rowsOut;
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        rowsOut.add(batch.getRowCount());
        delegate.emit(batch);
    }

    @Override
    public void emitWatermark(long watermark) {
        delegate.emitWatermark(watermark);
    }

    @Override
    public void markIdle() {
        delegate.markIdle();
    }

    @Override
    public void emitBarrier(long checkpointId) {
        delegate.emitBarrier(checkpointId);
    }

    @Override
    public void finish() {
        delegate.finish();
    }

    /** For vertices without outgoing edges (sinks, collect): anything they emit is released. */
    static Output discarding() {
        return new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                batch.close();
            }

            @Override
            public void finish() {
            }
        };
    }
}
