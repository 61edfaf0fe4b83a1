package io.weir.server.job;

import static java.util.Objects.requireNonNull;

import io.weir.executor.JobHandle;
import io.weir.executor.JobStatus;
import io.weir.executor.JobExecutor;
import io.weir.executor.WorkerInfo;
import io.weir.executor.plan.JobGraph;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** How long a graceful shutdown waits for each job's final checkpoint. */
    private static final long FINAL_CHECKPOINT_MILLIS = 20_000;

    private final JobExecutor executor;
    private final Map<String, JobInfo> jobs = new ConcurrentHashMap<>();
    private final Path dataDir;
    private final PersistedJobs persisted;
    private volatile boolean shuttingDown;
    // jobs waiting to restart after a failure, with the failed run (shown until the new run is listed); jobs a user stopped (not restarted)
    private final Map<String, JobInfo> restarting = new ConcurrentHashMap<>();
    private final java.util.Set<String> stoppedByUser = ConcurrentHashMap.newKeySet();
    private final Map<String, JobGraph> graphs = new ConcurrentHashMap<>();
    // a job whose run ended but whose watcher has not yet decided whether it restarts: without it,
    // SHOW JOBS could show FAILED for a moment for a job that is about to restart
    private final Map<JobInfo, Undecided> undecided = new ConcurrentHashMap<>();

    private record Undecided(JobGraph graph, PersistedJobs.Entry entry, int attempt) {}

    public JobManager(JobExecutor executor) {
        this(executor, null);
    }

    /** A manager that records checkpointed jobs under {@code dataDir} so that a restart resumes them. */
    public JobManager(JobExecutor executor, Path dataDir) {
        this.executor = requireNonNull(executor, "executor is null");
        this.dataDir = dataDir;
        this.persisted = dataDir == null ? null : new PersistedJobs(dataDir);
    }

    /**
     * The options a job is planned with: the session's, with checkpoints stored under the data
     * directory unless the session chose another place.
     */
    public Map<String, String> jobOptions(Map<String, String> sessionOptions) {
        Map<String, String> options = new HashMap<>(sessionOptions);
        if (dataDir != null) {
            options.putIfAbsent("state.checkpoints.dir", "file://" + dataDir.resolve("checkpoints").toAbsolutePath());
        }
        return options;
    }

    /** Submits {@code graph}; returns at once with the running job. */
    public JobInfo submit(JobGraph graph, String statement) {
        return start(newId(), graph, statement, null, false);
    }

    /**
     * Submits a job that runs until stopped; when its options turn checkpoints on it is recorded
     * ({@code kind} and {@code text} say how to plan it again) and resumes after a restart.
     */
    public JobInfo submitResumable(JobGraph graph, String statement, String kind, String text,
            Map<String, String> options) {
        String id = newId();
        PersistedJobs.Entry entry = checkpointed(options) && persisted != null
                ? new PersistedJobs.Entry(id, kind, text, options) : null;
        return start(id, graph, statement, entry, false);
    }

    /** Starts a recorded job again under its id, from its newest checkpoint. */
    public JobInfo resume(PersistedJobs.Entry entry, JobGraph graph, String statement) {
        return start(entry.id(), graph, statement, entry, true);
    }

    /** The workers jobs run on, with their slots (SHOW WORKERS, GET /workers). */
    public List<WorkerInfo> workers() {
        return executor.workers();
    }

    /** The recorded jobs to resume (empty without a data directory). */
    public List<PersistedJobs.Entry> recorded() {
        return persisted == null ? List.of() : persisted.load();
    }

    private JobInfo start(String id, JobGraph graph, String statement, PersistedJobs.Entry entry, boolean resume) {
        return start(id, graph, statement, entry, resume, 0);
    }

    private JobInfo start(String id, JobGraph graph, String statement, PersistedJobs.Entry entry, boolean resume,
            int attempt) {
        if (entry != null && !resume) {
            persisted.save(entry);
        }
        String savepoint = graph.config().get("execution.savepoint.path");
        JobHandle handle;
        if (savepoint != null && !savepoint.isBlank()
                && (!resume || executor.latestCheckpoint(id, graph).isEmpty())) {
            // SET 'execution.savepoint.path' before the INSERT: start from that savepoint (or, resumed
            // before its first checkpoint, from it again)
            handle = executor.restore(id, graph, java.nio.file.Path.of(savepoint.replaceFirst("^file://", "")));
        } else {
            handle = resume ? executor.resume(id, graph) : executor.submit(id, graph);
        }
        graphs.put(id, graph);
        JobInfo job = new JobInfo(id, graph.name(), statement, Instant.now(), handle);
        undecided.put(job, new Undecided(graph, entry, attempt));
        jobs.put(id, job);
        LOG.info("Job {} ({}) {}", id, graph.name(), resume ? "resumed" : "started");
        Thread watcher = new Thread(() -> {
            logOutcome(job);
            long delay = restartDelay(job, graph, entry, attempt);
            if (delay >= 0) {
                restarting.put(id, job);
            }
            undecided.remove(job);
            if (delay >= 0 && restartAfterFailure(job, graph, statement, entry, attempt, delay)) {
                return;
            }
            // a job that ends for good is not resumed; one stopped by a shutdown is
            graphs.remove(id);
            if (isQuery(graph)) {
                // a query's rows went to its client: once it ended there is nothing to manage, and
                // keeping every SELECT ever run would make SHOW JOBS (and the heap) grow without end
                jobs.remove(id, job);
            }
            if (entry != null && !shuttingDown) {
                persisted.remove(id);
            }
        }, "weir-job-watch-" + id);
        watcher.setDaemon(true);
        watcher.start();
        return job;
    }

    /** Whether {@code graph} is a query whose rows go to a client. */
    private static boolean isQuery(JobGraph graph) {
        return graph.vertices().stream().anyMatch(v -> v.operator() instanceof io.weir.executor.plan.CollectSpec);
    }

    /**
     * Which failed jobs restart: a checkpointed (recorded) job after any failure, as Flink does with
     * checkpointing on; any other job that writes somewhere when a worker was lost under it (its output
     * stays invisible until it finishes, so starting over doubles nothing); never a query whose rows
     * already went to a client.
     */
    private static boolean restartable(JobInfo job, JobGraph graph, PersistedJobs.Entry entry) {
        if (isQuery(graph)) {
            return false;
        }
        if (entry != null) {
            return true;
        }
        return job.handle().failure().orElse(null) instanceof WeirException weir
                && weir.code() == ErrorCode.INSUFFICIENT_RESOURCES && weir.getMessage().contains(" was lost ");
    }

    /**
     * How long to wait before {@code failed} starts again, or -1 when it does not restart (it did not
     * fail, cannot restart, or its restart strategy says no more). Flink's restart strategies: it
     * starts again from its latest checkpoint after a delay ({@code restart-strategy.type} =
     * {@code exponential-delay}, the default: 1 s doubling up to
     * {@code restart-strategy.exponential-delay.max-backoff}, 1 min, without limit; {@code fixed-delay}:
     * {@code …fixed-delay.delay} between at most {@code …fixed-delay.attempts} restarts; {@code none}).
     */
    private long restartDelay(JobInfo failed, JobGraph graph, PersistedJobs.Entry entry, int attempt) {
        if (failed.status() != JobStatus.FAILED || !restartable(failed, graph, entry)
                || shuttingDown || stoppedByUser.contains(failed.id())) {
            return -1;
        }
        if (failed.handle().failure().orElse(null) instanceof WeirException weir
                && weir.code() == ErrorCode.INVALID_PARAMETER_VALUE) {
            // a job that cannot start as asked (a savepoint of another statement) fails for good
            return -1;
        }
        Map<String, String> options = entry != null ? entry.options() : graph.config();
        String strategy = options.getOrDefault("restart-strategy.type", "exponential-delay");
        switch (strategy) {
            case "none", "disable", "off" -> {
                return -1;
            }
            case "fixed-delay" -> {
                int attempts = Integer.parseInt(options.getOrDefault("restart-strategy.fixed-delay.attempts", "1").trim());
                return attempt >= attempts ? -1 : millis(options.getOrDefault("restart-strategy.fixed-delay.delay", "1s"));
            }
            default -> {
                long initial = millis(options.getOrDefault("restart-strategy.exponential-delay.initial-backoff", "1s"));
                long max = millis(options.getOrDefault("restart-strategy.exponential-delay.max-backoff", "1min"));
                return Math.min(max, initial << Math.min(attempt, 20));
            }
        }
    }

    /** Waits {@code delayMillis}, then starts {@code failed} again under its id; returns whether it did. */
    private boolean restartAfterFailure(JobInfo failed, JobGraph graph, String statement, PersistedJobs.Entry entry,
            int attempt, long delayMillis) {
        String reason = failed.failureReason().orElse("unknown reason");
        LOG.warn("Job {} ({}) failed ({}); restarting it in {} ms, from its latest checkpoint if it has one (restart {})",
                failed.id(), failed.name(), reason, delayMillis, attempt + 1);
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            restarting.remove(failed.id(), failed);
            return false;
        }
        if (shuttingDown || stoppedByUser.contains(failed.id())) {
            restarting.remove(failed.id(), failed);
            return shuttingDown;
        }
        try {
            start(failed.id(), graph, statement, entry, true, attempt + 1);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Job {} could not restart: {}", failed.id(), e.getMessage());
            return false;
        } finally {
            // only now, with the new run in the job list: until then SHOW JOBS shows RESTARTING, never
            // the failed run's FAILED (a new failure of the new run keeps its own entry)
            restarting.remove(failed.id(), failed);
        }
    }

    /**
     * The status SHOW JOBS shows: RESTARTING while a failed job waits to start again, WAITING FOR
     * SLOTS while the cluster has too few free slots for it.
     */
    public String displayStatus(JobInfo job) {
        if (restarting.get(job.id()) == job) {
            return "RESTARTING";
        }
        Undecided pending = undecided.get(job);
        if (pending != null && restartDelay(job, pending.graph(), pending.entry(), pending.attempt()) >= 0) {
            return "RESTARTING";
        }
        if (job.handle() instanceof io.weir.server.cluster.ScheduledJob scheduled && scheduled.waitingFor() != null) {
            return "WAITING FOR SLOTS (" + scheduled.waitingFor() + ")";
        }
        return job.status().name();
    }

    private static long millis(String duration) {
        return io.weir.spi.connector.Durations.parse(duration).toMillis();
    }

    private static String newId() {
        // 32 hex digits, like Flink's job ids
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static boolean checkpointed(Map<String, String> options) {
        String interval = options.get("execution.checkpointing.interval");
        return interval != null && !interval.isBlank();
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

    /**
     * {@code STOP JOB 'id' WITH SAVEPOINT}: takes a checkpoint now, keeps a copy of it as a savepoint
     * under {@code <data-dir>/savepoints/}, then stops the job. Returns the savepoint's path, which
     * {@code SET 'execution.savepoint.path'} gives to a new INSERT of the same statement.
     */
    public Path stopWithSavepoint(String id) {
        JobInfo job = job(id);
        if (job.status().isTerminal()) {
            throw new WeirException(ErrorCode.OBJECT_IN_USE, "Job " + id + " has already ended (" + job.status() + ")");
        }
        boolean taken;
        try {
            taken = job.handle().checkpointNow(FINAL_CHECKPOINT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while taking a savepoint of job " + id);
        }
        String checkpoint = taken ? executor.latestCheckpoint(id, graphs.get(id)).orElse(null) : null;
        if (checkpoint == null) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Job " + id + " cannot take a savepoint: it does "
                    + "not checkpoint; set 'execution.checkpointing.interval' before starting it");
        }
        String checkpointName = checkpoint.substring(Math.max(checkpoint.lastIndexOf('/'),
                checkpoint.lastIndexOf(java.io.File.separatorChar)) + 1);
        Path folder = dataDir != null ? dataDir.resolve("savepoints")
                : checkpoint.contains("://") ? Path.of("savepoints") : Path.of(checkpoint).getParent();
        Path savepoint = folder.resolve("savepoint-" + id.substring(0, 8) + "-" + checkpointName.replace("chk-", ""));
        io.weir.executor.cluster.StoredCheckpoints.saveLatest(id, graphs.get(id), savepoint);
        stop(id);
        LOG.info("Job {} ({}) stopped with savepoint {}", id, job.name(), savepoint);
        return savepoint.toAbsolutePath();
    }

    /** Cancels a job; a job that already ended is left as it is. */
    public JobInfo stop(String id) {
        JobInfo job = job(id);
        stoppedByUser.add(id);
        job.handle().cancel();
        LOG.info("Job {} ({}) stopped by request", id, job.name());
        return job;
    }

    /**
     * A graceful shutdown: every running job that checkpoints takes a final checkpoint, so that it
     * resumes exactly where it stopped; then every job is cancelled (recorded jobs stay recorded).
     */
    @Override
    public void close() {
        shuttingDown = true;
        for (JobInfo job : jobs.values()) {
            if (!job.status().isTerminal()) {
                try {
                    if (job.handle().checkpointNow(FINAL_CHECKPOINT_MILLIS)) {
                        LOG.info("Job {} ({}) took its final checkpoint", job.id(), job.name());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (JobInfo job : jobs.values()) {
            if (!job.status().isTerminal()) {
                job.handle().cancel();
            }
        }
    }
}
