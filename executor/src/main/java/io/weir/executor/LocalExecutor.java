package io.weir.executor;

import static java.util.Objects.requireNonNull;

import io.weir.executor.internal.Job;
import io.weir.executor.plan.JobGraph;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link JobGraph}s in this JVM: the embedded worker. Each subtask chain runs on a thread of a
 * cached pool (named {@code weir-task-<job>-<vertex>-<subtask>} while it runs); batches come from one
 * Arrow root allocator, with a child allocator per job. Thread-safe.
 */
public final class LocalExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final ExecutorConfig config;
    private final ConnectorRegistry connectors;
    private final BufferAllocator rootAllocator;
    private final ExecutorService threads;
    private final Set<Job> jobs = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public LocalExecutor(ExecutorConfig config, ConnectorRegistry connectors) {
        this.config = requireNonNull(config, "config is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.rootAllocator = new RootAllocator(config.memoryLimitBytes());
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "weir-idle-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts {@code graph} and returns at once; the job runs on executor threads. A graph that cannot
     * start (an unknown connector, a bad option) gives a handle whose job has already FAILED.
     */
    public JobHandle submit(String jobId, JobGraph graph) {
        return start(jobId, graph, null);
    }

    /**
     * Starts {@code graph} as job {@code jobId} again, from the newest checkpoint the job completed
     * (under its config's {@code state.checkpoints.dir}), or from scratch when it has none.
     */
    public JobHandle resume(String jobId, JobGraph graph) {
        java.util.Optional<io.weir.executor.internal.CheckpointData> latest;
        try {
            latest = io.weir.executor.internal.Job.latestCheckpoint(jobId, graph);
        } catch (java.io.IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read the checkpoints of job " + jobId + ": "
                    + e.getMessage(), e);
        }
        return start(jobId, graph, latest.orElse(null));
    }

    /** Starts {@code graph} as job {@code jobId} from the checkpoint or savepoint in {@code file}. */
    public JobHandle restore(String jobId, JobGraph graph, java.nio.file.Path file) {
        try {
            return start(jobId, graph, io.weir.executor.internal.CheckpointData.read(file));
        } catch (java.io.IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read savepoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint file job {@code jobId} of {@code graph} completed, if any. */
    public java.util.Optional<java.nio.file.Path> latestCheckpointFile(String jobId, JobGraph graph) {
        try {
            return io.weir.executor.internal.CheckpointData.latestFile(io.weir.executor.internal.Job.checkpointDirectory(graph)
                    .resolve(jobId));
        } catch (java.io.IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read the checkpoints of job " + jobId + ": "
                    + e.getMessage(), e);
        }
    }

    private JobHandle start(String jobId, JobGraph graph, io.weir.executor.internal.CheckpointData restored) {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(graph, "graph is null");
        if (closed) {
            throw new WeirException(ErrorCode.OBJECT_IN_USE, "The executor is shut down; job " + jobId + " cannot start");
        }
        if (graph.version() != JobGraph.CURRENT_VERSION) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Job graph version " + graph.version()
                    + " is not supported; this executor runs version " + JobGraph.CURRENT_VERSION);
        }
        BufferAllocator allocator = rootAllocator.newChildAllocator("job-" + jobId, 0, config.memoryLimitBytes());
        Job job = Job.start(jobId, graph, config, connectors, allocator, threads, jobs::remove, restored);
        if (!job.status().isTerminal()) {
            jobs.add(job);
            if (job.status().isTerminal()) {
                jobs.remove(job);
            }
        }
        return job;
    }

    /** The task slots this executor offers (subtasks beyond them share the machine's cores). */
    public int slots() {
        return config.slots();
    }

    /** Arrow memory currently allocated by all jobs (for tests and metrics). */
    public long allocatedBytes() {
        return rootAllocator.getAllocatedMemory();
    }

    /** Cancels running jobs, waits for them, stops the threads and closes the root allocator. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Job> running = List.copyOf(jobs);
        running.forEach(Job::cancel);
        try {
            for (Job job : running) {
                if (!job.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("Job {} did not stop within {} s", job.jobId(), CLOSE_TIMEOUT_SECONDS);
                }
            }
            threads.shutdown();
            if (!threads.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Executor threads did not stop within {} s", CLOSE_TIMEOUT_SECONDS);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
        long leaked = rootAllocator.getAllocatedMemory();
        if (leaked != 0) {
            LOG.warn("Executor leaked {} bytes of Arrow memory:\n{}", leaked, rootAllocator.toVerboseString());
        }
        try {
            rootAllocator.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the executor's allocator failed: {}", e.getMessage());
        }
    }
}
