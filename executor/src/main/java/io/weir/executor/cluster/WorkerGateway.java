package io.weir.executor.cluster;

import io.weir.executor.operator.ResultQueue;

/**
 * How a job master reaches one worker. In one JVM it is the {@link WorkerRuntime} itself; across
 * processes the server's RPC client, which carries each call to the worker. Calls return without
 * waiting for the work they start, except {@link #deploy}.
 */
public interface WorkerGateway {
    String workerId();

    /**
     * Builds the fragment of {@code deployment} placed on this worker, ready to receive batches from
     * other workers, but does not start it. Blocks until done.
     *
     * @throws io.weir.spi.error.WeirException when the fragment cannot be built (an unknown
     *     connector, an expression that does not compile, the worker is gone)
     */
    void deploy(Deployment deployment, FragmentListener listener);

    /** Starts the subtasks of a deployed fragment. */
    void start(String executionId);

    /** Sources of the fragment take checkpoint {@code checkpointId} and emit its barrier. */
    void triggerCheckpoint(String executionId, long checkpointId);

    /** Checkpoint {@code checkpointId} completed: sources may acknowledge their input up to it. */
    void checkpointCompleted(String executionId, long checkpointId);

    /** The job completed (every sink and collect subtask ended): stop what still runs quietly. */
    void finish(String executionId);

    /** Stops the fragment; its staged output is removed. Idempotent; no effect once it ended. */
    void cancel(String executionId);

    /** The fragment's latest counters, or null when none are known (yet). */
    FragmentMetrics metrics(String executionId);

    /**
     * The collect queue of the fragment's collect vertex, for a master in the same JVM; null when
     * the fragment has none or lives in another process.
     */
    default ResultQueue results(String executionId) {
        return null;
    }
}
