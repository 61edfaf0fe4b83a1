package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.VertexMetrics;
import io.weir.executor.WatermarkInfo;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A fragment's counters as of {@code takenAt}: rows in and out per vertex over its subtasks, its
 * subtasks' watermarks, how many of them still run, and how long its producers spent handing
 * batches downstream (in milliseconds, summed over the subtasks since they started): waiting for room
 * at a slow consumer dominates it, so it is the fragment's back-pressure.
 */
public record FragmentMetrics(Map<Integer, VertexMetrics> vertices, List<WatermarkInfo> watermarks,
        int runningSubtasks, long backPressuredMillis, long takenAt) implements Serializable {
    public FragmentMetrics {
        vertices = Map.copyOf(requireNonNull(vertices, "vertices is null"));
        watermarks = List.copyOf(requireNonNull(watermarks, "watermarks is null"));
    }
}
