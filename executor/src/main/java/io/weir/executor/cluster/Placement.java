package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.internal.Chains;
import io.weir.executor.internal.CheckpointData;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.Vertex;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where every subtask of a job runs: by task key ({@code "<chain head vertex>/<subtask>"}), the
 * worker's id, and for every worker the address ({@code host:port}) of its data plane, through
 * which the others send it batches.
 */
public record Placement(Map<String, String> workerOfTask, Map<String, String> dataAddresses) implements Serializable {
    public Placement {
        workerOfTask = Map.copyOf(requireNonNull(workerOfTask, "workerOfTask is null"));
        dataAddresses = Map.copyOf(requireNonNull(dataAddresses, "dataAddresses is null"));
    }

    /** Every subtask of {@code graph} on worker {@code workerId}. */
    public static Placement allOn(String workerId, String dataAddress, JobGraph graph) {
        Map<String, String> tasks = new HashMap<>();
        for (List<Vertex> chain : Chains.of(graph)) {
            for (int subtask = 0; subtask < chain.get(0).parallelism(); subtask++) {
                tasks.put(CheckpointData.taskKey(chain.get(0).id(), subtask), workerId);
            }
        }
        return new Placement(tasks, Map.of(workerId, dataAddress));
    }

    /** The worker that runs subtask {@code subtask} of the chain headed by {@code headVertex}. */
    public String workerOf(int headVertex, int subtask) {
        String worker = workerOfTask.get(CheckpointData.taskKey(headVertex, subtask));
        if (worker == null) {
            throw new IllegalStateException("no worker placed for subtask " + subtask + " of vertex " + headVertex);
        }
        return worker;
    }

    /** The workers that run at least one subtask, sorted. */
    public Set<String> workers() {
        return new TreeSet<>(workerOfTask.values());
    }
}
