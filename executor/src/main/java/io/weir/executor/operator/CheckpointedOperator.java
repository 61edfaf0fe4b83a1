package io.weir.executor.operator;

import java.util.List;
import java.util.Map;

/**
 * An {@link Operator} with state that a checkpoint stores and a restore brings back. Called on the
 * subtask's thread only.
 *
 * <p>State is cut by key group ({@code KeyGroups}, max parallelism 128), so that a job restored at a
 * different parallelism hands each subtask exactly the key groups it now owns. An operator without
 * keys (a sink's pending output, a source's position) stores its state under key group
 * {@link #OPERATOR_STATE} and gets back every such entry of every former subtask.
 */
public interface CheckpointedOperator {
    /** The pseudo key group of state that belongs to the subtask rather than to a key. */
    int OPERATOR_STATE = -1;

    /**
     * Called when checkpoint {@code checkpointId}'s barrier reaches this operator, after every row
     * before the barrier was processed and before any row after it. Returns the state to store, one
     * entry per key group that holds state; the bytes must not change afterwards (copy, or serialize
     * here). An empty map means no state.
     */
    Map<Integer, byte[]> snapshotState(long checkpointId);

    /**
     * Called once, before the first input, when the job resumes from a checkpoint or savepoint that
     * stored state for this operator: the entries of the stored state whose key group this subtask
     * now owns (gathered from every former subtask), and {@link #OPERATOR_STATE} entries. At the
     * same parallelism a subtask gets back the operator state its predecessor stored; at another one
     * each former subtask's entry goes to one new subtask (former subtask {@code i} to
     * {@code i % parallelism}), so some get none and some several. An operator that
     * {@link #sharesOperatorState() shares} its operator state gets every former subtask's entry, in
     * subtask order, at any parallelism.
     */
    void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState);

    /**
     * Whether every subtask gets every former subtask's {@link #OPERATOR_STATE} entry on restore (a
     * source divides the stored splits among the new subtasks itself; a keyed operator takes the
     * watermark). False by default.
     */
    default boolean sharesOperatorState() {
        return false;
    }

    /**
     * Called right after {@link #snapshotState}: completes once the files that state refers to are in
     * checkpoint storage (a RocksDB backend copies them in the background while processing goes on);
     * the subtask acknowledges the checkpoint only then. Already complete by default.
     */
    default java.util.concurrent.CompletableFuture<Void> snapshotStored(long checkpointId) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Checkpoint {@code checkpointId} is complete (stored durably). No effect by default. */
    default void notifyCheckpointComplete(long checkpointId) {
    }
}
