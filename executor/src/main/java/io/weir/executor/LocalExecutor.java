package io.weir.executor;

import static java.util.Objects.requireNonNull;

import io.weir.executor.cluster.JobMaster;
import io.weir.executor.cluster.Placement;
import io.weir.executor.cluster.StoredCheckpoints;
import io.weir.executor.cluster.WorkerRuntime;
import io.weir.executor.internal.CheckpointData;
import io.weir.executor.plan.JobGraph;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link JobGraph}s in this JVM: a job master and one {@link WorkerRuntime} that runs every
 * subtask, called directly (the same master and runtime a cluster uses, without a transport).
 * Thread-safe.
 */
public final class LocalExecutor implements JobExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 30;
    private static final String WORKER_ID = "local";

    private final ExecutorConfig config;
    private final ConnectorRegistry connectors;
    private final WorkerRuntime worker;
    private final Set<JobMaster> jobs = ConcurrentHashMap.newKeySet();
    private final AtomicLong executions = new AtomicLong();
    private volatile boolean closed;

    public LocalExecutor(ExecutorConfig config, ConnectorRegistry connectors) {
        this.config = requireNonNull(config, "config is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.worker = new WorkerRuntime(WORKER_ID, config, connectors);
    }

    @Override
    public JobHandle submit(String jobId, JobGraph graph) {
        return start(jobId, graph, null);
    }

    @Override
    public JobHandle resume(String jobId, JobGraph graph) {
        return start(jobId, graph, StoredCheckpoints.latest(jobId, graph).orElse(null));
    }

    @Override
    public JobHandle restore(String jobId, JobGraph graph, Path file) {
        return start(jobId, graph, StoredCheckpoints.read(file));
    }

    @Override
    public Optional<String> latestCheckpoint(String jobId, JobGraph graph) {
        return StoredCheckpoints.latestLocation(jobId, graph);
    }

    private JobHandle start(String jobId, JobGraph graph, CheckpointData restored) {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(graph, "graph is null");
        if (closed) {
            throw new WeirException(ErrorCode.OBJECT_IN_USE, "The executor is shut down; job " + jobId + " cannot start");
        }
        if (graph.version() != JobGraph.CURRENT_VERSION) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Job graph version " + graph.version()
                    + " is not supported; this executor runs version " + JobGraph.CURRENT_VERSION);
        }
        String executionId = jobId + "-" + executions.incrementAndGet();
        JobMaster master = new JobMaster(jobId, executionId, graph, Placement.allOn(WORKER_ID, "in-process", graph),
                Map.of(WORKER_ID, worker), restored, jobs::remove);
        jobs.add(master);
        master.start(connectors);
        if (master.status().isTerminal()) {
            jobs.remove(master);
        }
        return master;
    }

    @Override
    public List<WorkerInfo> workers() {
        int used = worker.runningSubtasks();
        return List.of(new WorkerInfo("embedded", "in-process", Math.max(0, config.slots() - used), config.slots(),
                Instant.now()));
    }

    @Override
    public int slots() {
        return config.slots();
    }

    /** Arrow memory currently allocated by all jobs (for tests and metrics). */
    public long allocatedBytes() {
        return worker.allocatedBytes();
    }

    /** Cancels running jobs, waits for them, and closes the worker. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<JobMaster> running = List.copyOf(jobs);
        running.forEach(JobMaster::cancel);
        try {
            for (JobMaster job : running) {
                if (!job.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("Job {} did not stop within {} s", job.jobId(), CLOSE_TIMEOUT_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.close();
    }
}
