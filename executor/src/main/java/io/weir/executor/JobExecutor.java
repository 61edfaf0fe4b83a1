package io.weir.executor;

import io.weir.executor.plan.JobGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs job graphs somewhere: on the workers of a cluster, or all in this JVM. The server's job
 * manager talks to this and nothing else. Thread-safe.
 */
public interface JobExecutor extends AutoCloseable {
    /**
     * Starts {@code graph} as job {@code jobId} and returns at once; the job runs on worker threads.
     * A graph that cannot start (an unknown connector, a bad option, no slots) gives a handle whose
     * job has already FAILED, or one that waits for slots.
     */
    JobHandle submit(String jobId, JobGraph graph);

    /** Starts {@code graph} as job {@code jobId} again, from its newest completed checkpoint (or from scratch). */
    JobHandle resume(String jobId, JobGraph graph);

    /** Starts {@code graph} as job {@code jobId} from the checkpoint or savepoint in {@code file}. */
    JobHandle restore(String jobId, JobGraph graph, Path file);

    /** Where the newest checkpoint job {@code jobId} of {@code graph} completed is stored, if any. */
    Optional<String> latestCheckpoint(String jobId, JobGraph graph);

    /** The workers jobs run on, with their slots. */
    List<WorkerInfo> workers();

    /** Task slots over all workers. */
    default int slots() {
        return workers().stream().mapToInt(WorkerInfo::slotsTotal).sum();
    }

    @Override
    void close();
}
