package io.weir.executor.operator;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Where an operator sends its batches: the next operator of its chain, or an exchange. */
public interface Output {
    /** Hands {@code batch} on; it then belongs to the receiver. May block (back-pressure). */
    void emit(VectorSchemaRoot batch);

    /**
     * The event-time watermark (epoch millis) has advanced to {@code watermark}: it follows every batch
     * emitted before it. Only increasing values are sent; {@link Long#MAX_VALUE} is the final watermark
     * of a bounded input. Default: ignored (an output that leads nowhere).
     */
    default void emitWatermark(long watermark) {
    }

    /**
     * The producer has had no input for its idle timeout ({@code 'scan.watermark.idle-timeout'}): its
     * consumers stop waiting for its watermark until it sends one again. Default: ignored.
     */
    default void markIdle() {
    }

    /**
     * Checkpoint {@code checkpointId}'s barrier: every batch emitted before it belongs to the
     * checkpoint, every batch after it to the next. A chained operator snapshots its state when the
     * barrier reaches it, then passes the barrier on. Default: ignored.
     */
    default void emitBarrier(long checkpointId) {
    }

    /** No more batches will follow. Called at most once. */
    void finish();
}
