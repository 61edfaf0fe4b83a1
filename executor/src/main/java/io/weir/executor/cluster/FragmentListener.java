package io.weir.executor.cluster;

/**
 * What a worker's fragment tells its job master. Called on task threads (or the transport's);
 * implementations must return quickly and never block on the fragment.
 */
public interface FragmentListener {
    /**
     * A subtask passed a checkpoint's barrier and stored its snapshots; with the last acknowledgement
     * of this fragment for the checkpoint come the committables its sinks staged for it.
     */
    void acknowledged(String executionId, String workerId, CheckpointAcknowledgement acknowledgement);

    /** Subtask {@code taskKey} ended; {@code terminal}: it ran a sink or collect vertex and ended normally. */
    void subtaskEnded(String executionId, String workerId, String taskKey, boolean terminal);

    /** The fragment ended and released everything; {@code result} says how. */
    void fragmentEnded(String executionId, String workerId, FragmentResult result);
}
