package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.internal.CheckpointData;
import io.weir.executor.plan.JobGraph;
import java.io.Serializable;

/**
 * What a worker needs to run its fragment of one execution of a job: the whole graph (each worker
 * builds only the subtasks placed on it, but needs every vertex to wire its exchanges), the
 * placement, and the checkpoint the execution resumes from (null: from the start).
 *
 * @param executionId the job id and its attempt ({@code <job id>-<attempt>}): a restarted job is a
 *     new execution, so that late messages of the failed one cannot reach it
 */
public record Deployment(String jobId, String executionId, JobGraph graph, Placement placement,
        CheckpointData restored) implements Serializable {
    public Deployment {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(executionId, "executionId is null");
        requireNonNull(graph, "graph is null");
        requireNonNull(placement, "placement is null");
    }
}
