package io.weir.executor.internal;

import io.weir.executor.operator.CheckpointedOperator;
import io.weir.executor.operator.Operator;
import io.weir.executor.plan.Vertex;
import java.util.HashMap;
import java.util.Map;

/**
 * The state one subtask's chain stores for the checkpoint whose barrier is passing through it: each
 * {@link CheckpointedOperator}'s entries by key group, per vertex. Subtask thread only.
 */
final class Snapshots {
    private final Map<Integer, Map<Integer, byte[]>> byVertex = new HashMap<>();

    /** Snapshots {@code operator} of {@code vertex} if it has state. */
    void take(Vertex vertex, Operator operator, long checkpointId) {
        if (operator instanceof CheckpointedOperator checkpointed) {
            byVertex.put(vertex.id(), Map.copyOf(checkpointed.snapshotState(checkpointId)));
        }
    }

    /** What was taken since the last call, by vertex id. */
    Map<Integer, Map<Integer, byte[]>> drain() {
        Map<Integer, Map<Integer, byte[]>> taken = Map.copyOf(byVertex);
        byVertex.clear();
        return taken;
    }
}
