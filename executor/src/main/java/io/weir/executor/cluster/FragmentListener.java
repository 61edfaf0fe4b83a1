package io.weir.executor.cluster;

import io.weir.spi.connector.Committable;
import java.util.List;
import java.util.Map;

/**
 * What a worker's fragment tells its job master. Called on task threads (or the transport's);
 * implementations must return quickly and never block on the fragment.
 */
public interface FragmentListener {
    /**
     * Subtask {@code taskKey} passed checkpoint {@code checkpointId}'s barrier with {@code states}
     * (by vertex, then key group). With the last acknowledgement of this fragment for the checkpoint
     * come the committables its sinks staged for it ({@code staged}, by sink vertex; empty otherwise).
     */
    void acknowledged(String executionId, String workerId, long checkpointId, String taskKey,
            Map<Integer, Map<Integer, byte[]>> states, Map<Integer, List<Committable>> staged);

    /** Subtask {@code taskKey} ended; {@code terminal}: it ran a sink or collect vertex and ended normally. */
    void subtaskEnded(String executionId, String workerId, String taskKey, boolean terminal);

    /** The fragment ended and released everything; {@code result} says how. */
    void fragmentEnded(String executionId, String workerId, FragmentResult result);
}
