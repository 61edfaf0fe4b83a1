package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.ExecutorConfig;
import io.weir.executor.internal.Job;
import io.weir.executor.internal.RemoteChannels;
import io.weir.executor.operator.ResultQueue;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Map;
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
 * A worker's task execution: hosts the fragments that job masters deploy here, each subtask chain
 * on a thread of a cached pool (named {@code weir-task-<job>-<vertex>-<subtask>} while it runs),
 * batches from one Arrow root allocator with a child allocator per fragment. It is the
 * {@link WorkerGateway} of a master in the same JVM; a worker process serves the same calls from
 * the coordinator over RPC. Envelopes from other workers enter through {@link #gate}. Thread-safe.
 */
public final class WorkerRuntime implements WorkerGateway, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final String workerId;
    private final ExecutorConfig config;
    private final ConnectorRegistry connectors;
    private final BufferAllocator rootAllocator;
    private final ExecutorService threads;
    private final Map<String, Job> fragments = new ConcurrentHashMap<>();
    private volatile RemoteChannels remote = RemoteChannels.NONE;
    private volatile boolean closed;

    public WorkerRuntime(String workerId, ExecutorConfig config, ConnectorRegistry connectors) {
        this.workerId = requireNonNull(workerId, "workerId is null");
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

    /** Sets how this worker reaches consumer subtasks on other workers (its data plane); call before the first deploy. */
    public void useRemoteChannels(RemoteChannels channels) {
        this.remote = requireNonNull(channels, "channels is null");
    }

    @Override
    public String workerId() {
        return workerId;
    }

    @Override
    public void deploy(Deployment deployment, FragmentListener listener) {
        if (closed) {
            throw new WeirException(ErrorCode.OBJECT_IN_USE, "Worker " + workerId + " is shutting down; job "
                    + deployment.jobId() + " cannot start here");
        }
        BufferAllocator allocator = rootAllocator.newChildAllocator("job-" + deployment.executionId(), 0,
                config.memoryLimitBytes());
        Job fragment = Job.deploy(deployment, workerId, config, connectors, allocator, remote, listener,
                ended -> fragments.remove(ended.executionId(), ended));
        fragments.put(deployment.executionId(), fragment);
    }

    @Override
    public void start(String executionId) {
        Job fragment = fragments.get(executionId);
        if (fragment != null) {
            fragment.start(threads);
        }
    }

    @Override
    public void triggerCheckpoint(String executionId, long checkpointId) {
        Job fragment = fragments.get(executionId);
        if (fragment != null) {
            fragment.triggerCheckpoint(checkpointId);
        }
    }

    @Override
    public void checkpointCompleted(String executionId, long checkpointId) {
        Job fragment = fragments.get(executionId);
        if (fragment != null) {
            fragment.checkpointCompleted(checkpointId);
        }
    }

    @Override
    public void finish(String executionId) {
        Job fragment = fragments.get(executionId);
        if (fragment != null) {
            fragment.finish();
        }
    }

    @Override
    public void cancel(String executionId) {
        Job fragment = fragments.get(executionId);
        if (fragment != null) {
            fragment.cancel();
        }
    }

    @Override
    public FragmentMetrics metrics(String executionId) {
        Job fragment = fragments.get(executionId);
        return fragment == null ? null : fragment.metrics();
    }

    /** Every running fragment's counters, by execution id (a worker process sends them with its heartbeat). */
    public Map<String, FragmentMetrics> allMetrics() {
        Map<String, FragmentMetrics> all = new java.util.HashMap<>();
        fragments.forEach((id, fragment) -> all.put(id, fragment.metrics()));
        return all;
    }

    @Override
    public ResultQueue results(String executionId) {
        Job fragment = fragments.get(executionId);
        return fragment == null ? null : fragment.resultQueue();
    }

    /** The fragment of {@code executionId} running here, or null. */
    public Job fragment(String executionId) {
        return fragments.get(executionId);
    }

    /** How many subtasks run here now. */
    public int runningSubtasks() {
        return fragments.values().stream().mapToInt(Job::runningSubtasks).sum();
    }

    /** Cancels every fragment, e.g. when the coordinator is gone and will redeploy elsewhere. */
    public void cancelAll() {
        fragments.values().forEach(Job::cancel);
    }

    /** Arrow memory currently allocated by all fragments (for tests and metrics). */
    public long allocatedBytes() {
        return rootAllocator.getAllocatedMemory();
    }

    /** Cancels running fragments, waits for them, stops the threads and closes the root allocator. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Job> running = List.copyOf(fragments.values());
        running.forEach(Job::cancel);
        try {
            for (Job job : running) {
                if (!job.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("Job {} did not stop within {} s", job.jobId(), CLOSE_TIMEOUT_SECONDS);
                }
            }
            threads.shutdown();
            if (!threads.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Task threads of worker {} did not stop within {} s", workerId, CLOSE_TIMEOUT_SECONDS);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
        long leaked = rootAllocator.getAllocatedMemory();
        if (leaked != 0) {
            LOG.warn("Worker {} leaked {} bytes of Arrow memory:\n{}", workerId, leaked, rootAllocator.toVerboseString());
        }
        try {
            rootAllocator.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the allocator of worker {} failed: {}", workerId, e.getMessage());
        }
    }
}
