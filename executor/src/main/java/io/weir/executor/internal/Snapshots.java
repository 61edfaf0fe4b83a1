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
    private final java.util.List<java.util.concurrent.CompletableFuture<Void>> stored = new java.util.ArrayList<>();

    /** Snapshots {@code operator} of {@code vertex} if it has state. */
    void take(Vertex vertex, Operator operator, long checkpointId) {
        if (operator instanceof CheckpointedOperator checkpointed) {
            byVertex.put(vertex.id(), Map.copyOf(checkpointed.snapshotState(checkpointId)));
            stored.add(checkpointed.snapshotStored(checkpointId));
        }
    }

    /** Completes when everything taken since the last call is in checkpoint storage. */
    java.util.concurrent.CompletableFuture<Void> drainStored() {
        java.util.concurrent.CompletableFuture<Void> all = java.util.concurrent.CompletableFuture.allOf(
                stored.toArray(new java.util.concurrent.CompletableFuture[0]));
        stored.clear();
        return all;
    }

    /** What was taken since the last call, by vertex id. */
    Map<Integer, Map<Integer, byte[]>> drain() {
        Map<Integer, Map<Integer, byte[]>> taken = Map.copyOf(byVertex);
        byVertex.clear();
        return taken;
    }
}
