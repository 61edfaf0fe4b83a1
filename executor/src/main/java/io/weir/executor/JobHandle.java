package io.weir.executor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A running or ended job of a {@link LocalExecutor}. Thread-safe. */
public interface JobHandle {
    String jobId();

    JobStatus status();

    /** The first error of a FAILED job (a {@code WeirException} as thrown, anything else wrapped). */
    Optional<Throwable> failure();

    /** Stops the job; idempotent. The status becomes CANCELED unless the job already ended. */
    void cancel();

    /** Blocks until the job has ended and released its threads and memory. */
    JobStatus awaitTermination() throws InterruptedException;

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * The rows of the graph's collect vertex. The collect queue holds a few batches and back-pressures
     * the job, so a client that does not read stalls it. Without a collect vertex the iterator is empty.
     */
    ResultIterator results();

    /** Rows received by the job's sink vertices so far. */
    long rowsWritten();

    /** Per vertex id, rows in and out summed over its subtasks. */
    Map<Integer, VertexMetrics> metrics();

    /**
     * Takes a checkpoint now and waits up to {@code waitMillis} for it (a graceful shutdown's final
     * checkpoint); false when the job does not checkpoint or the checkpoint did not complete in time.
     */
    default boolean checkpointNow(long waitMillis) throws InterruptedException {
        return false;
    }

    /** The job's latest checkpoints, oldest first; empty when it does not checkpoint. */
    default java.util.List<CheckpointInfo> checkpoints() {
        return java.util.List.of();
    }

    /** Each subtask's watermark as it last changed; empty when no watermark has moved yet. */
    default java.util.List<WatermarkInfo> watermarks() {
        return java.util.List.of();
    }

    /** The job's delivery guarantee; {@link DeliveryGuarantee#NONE} when it does not checkpoint. */
    default DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.NONE;
    }

    /** How many subtasks the job runs (0 once it ended). */
    default int runningSubtasks() {
        return 0;
    }
}
