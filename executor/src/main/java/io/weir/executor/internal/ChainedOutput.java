package io.weir.executor.internal;

import io.weir.executor.operator.CancelledException;
import io.weir.executor.operator.Operator;
import io.weir.executor.operator.Output;
import io.weir.executor.plan.Vertex;
import io.weir.spi.error.WeirException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hands batches straight to the next operator of a chain, on the same thread, counting them as rows
 * out of the producer and into the consumer. Errors of the consumer are tagged with its vertex.
 */
final class ChainedOutput implements Output {
    private final Operator next;
    private final Output nextOutput;
    private final Vertex nextVertex;
    private final LongAdder rowsOut;
    private final LongAdder rowsIn;
    private final Snapshots snapshots;

    ChainedOutput(Operator next, Output nextOutput, Vertex nextVertex, LongAdder rowsOut, LongAdder rowsIn,
            Snapshots snapshots) {
        this.snapshots = snapshots;
        this.next = next;
        this.nextOutput = nextOutput;
        this.nextVertex = nextVertex;
        this.rowsOut = rowsOut;
        this.rowsIn = rowsIn;
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        rowsOut.add(rows);
        rowsIn.add(rows);
        try {
            next.process(0, batch);
        } catch (WeirException | CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.wrap(nextVertex, e);
        }
    }

    /** Lets the next operator react to the watermark, then forwards it to that operator's output if it asks to. */
    @Override
    public void emitWatermark(long watermark) {
        try {
            if (next.processWatermark(watermark)) {
                nextOutput.emitWatermark(watermark);
            }
        } catch (WeirException | CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.wrap(nextVertex, e);
        }
    }

    /** The next operator snapshots its state (it has seen every batch before the barrier), then the barrier moves on. */
    @Override
    public void emitBarrier(long checkpointId) {
        try {
            snapshots.take(nextVertex, next, checkpointId);
        } catch (WeirException | CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.wrap(nextVertex, e);
        }
        nextOutput.emitBarrier(checkpointId);
    }

    /** Idleness passes through operators unchanged. */
    @Override
    public void markIdle() {
        nextOutput.markIdle();
    }

    @Override
    public void finish() {
        try {
            next.finish();
        } catch (WeirException | CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.wrap(nextVertex, e);
        }
    }
}
