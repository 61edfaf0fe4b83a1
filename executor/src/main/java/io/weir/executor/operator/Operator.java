package io.weir.executor.operator;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One subtask's instance of a vertex's operator. Single-threaded: the subtask's thread calls
 * {@link #process} for each input batch, {@link #finish} once when every input has ended, and
 * {@link #close} exactly once at the end, also after a failure or a cancel.
 *
 * <p>Ownership: a batch passed to {@link #process} belongs to the operator, which closes it or
 * hands it on to its {@link Output}.
 */
public interface Operator extends AutoCloseable {
    /** Consumes one batch of input {@code input} (the edge's {@code targetInput}). */
    void process(int input, VectorSchemaRoot batch);

    /**
     * The operator's input watermark (the minimum over its input channels) has advanced to
     * {@code watermark}. An operator that emits rows because of it (a window that fires) emits them
     * here. Returns whether the runtime should then forward the watermark to the operator's output;
     * the default forwards it unchanged, which is right for operators that emit rows as they come.
     */
    default boolean processWatermark(long watermark) {
        return true;
    }

    /**
     * The subtask's wall clock ({@link TaskContext#clock()}) reads {@code now}: fire the processing-time
     * timers due by then. Called on the subtask's thread between batches, about every
     * {@code SubtaskRunner.PROCESSING_TIME_TICK_MILLIS}, also while no input arrives. No effect by default.
     */
    default void onProcessingTime(long now) {
    }

    /** Every input has ended: emits what remains, then calls {@link Output#finish()}. */
    void finish();

    /**
     * Whether the operator has ended its output before its input ended (a LIMIT that is full); the
     * subtask then stops feeding it. Checked between batches.
     */
    default boolean isFinished() {
        return false;
    }

    /** Releases what the operator holds (batches, readers, writers); must not throw for a failed job. */
    @Override
    void close();
}
