package io.weir.server.job;

import static java.util.Objects.requireNonNull;

import io.weir.executor.JobHandle;
import io.weir.executor.LocalExecutor;
import io.weir.executor.plan.JobGraph;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts jobs on the executor and remembers them for SHOW JOBS and STOP JOB. Thread-safe.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final LocalExecutor executor;
    private final Map<String, JobInfo> jobs = new ConcurrentHashMap<>();

    public JobManager(LocalExecutor executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** Submits {@code graph}; returns at once with the running job. */
    public JobInfo submit(JobGraph graph, String statement) {
        // 32 hex digits, like Flink's job ids
        String id = UUID.randomUUID().toString().replace("-", "");
        JobHandle handle = executor.submit(id, graph);
        JobInfo job = new JobInfo(id, graph.name(), statement, Instant.now(), handle);
        jobs.put(id, job);
        LOG.info("Job {} ({}) started", id, graph.name());
        Thread watcher = new Thread(() -> logOutcome(job), "weir-job-watch-" + id);
        watcher.setDaemon(true);
        watcher.start();
        return job;
    }

    private static void logOutcome(JobInfo job) {
        try {
            switch (job.handle().awaitTermination()) {
                case FINISHED -> LOG.info("Job {} ({}) finished", job.id(), job.name());
                case CANCELED -> LOG.info("Job {} ({}) was cancelled", job.id(), job.name());
                default -> LOG.warn("Job {} ({}) failed: {}", job.id(), job.name(),
                        job.failureReason().orElse("unknown reason"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<JobInfo> jobs() {
        List<JobInfo> list = new ArrayList<>(jobs.values());
        list.sort((a, b) -> a.startTime().compareTo(b.startTime()));
        return list;
    }

    public JobInfo job(String id) {
        JobInfo job = jobs.get(id);
        if (job == null) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "Job '" + id + "' does not exist; SHOW JOBS lists the jobs");
        }
        return job;
    }

    /** Cancels a job; a job that already ended is left as it is. */
    public JobInfo stop(String id) {
        JobInfo job = job(id);
        job.handle().cancel();
        LOG.info("Job {} ({}) stopped by request", id, job.name());
        return job;
    }

    @Override
    public void close() {
        for (JobInfo job : jobs.values()) {
            if (!job.status().isTerminal()) {
                job.handle().cancel();
            }
        }
    }
}
