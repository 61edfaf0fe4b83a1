package io.weir.executor.internal;

import io.weir.executor.CheckpointInfo;
import io.weir.spi.connector.Committable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers a job's checkpoints and completes them, one at a time: a trigger asks every source
 * subtask to snapshot and emit barrier n; every subtask acknowledges once the barrier has passed its
 * chain; with all acknowledgements in, the checkpoint (state and the sinks' staged committables) is
 * written to storage, and only then are the sinks told to commit. A checkpoint that is not complete
 * within the timeout is dropped (its staged output is committed with the next one). Thread-safe.
 */
public final class CheckpointCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);
    private static final int HISTORY = 10;


    /** What the coordinator needs from its job. */
    public interface JobAccess {
        /** Whether every subtask is still running (a finished subtask cannot take part). */
        boolean allRunning();

        /** The committables each sink vertex staged for checkpoints up to {@code checkpointId}. */
        Map<Integer, List<Committable>> takeStaged(long checkpointId);

        /** Checkpoint {@code data} is stored: the sinks may commit. */
        void completed(CheckpointData data);

        /** What each vertex runs, stored with the checkpoint so that a restore into another query is caught. */
        Map<Integer, String> operators();

        /** Checkpoint {@code checkpointId} was triggered: its sources must hear of it. No effect by default. */
        default void triggered(long checkpointId) {
        }
    }

    private final String jobId;
    private final Path jobDir;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final int retained;
    private final int expectedAcks;
    private final JobAccess job;
    private final ScheduledExecutorService timer;
    private final ArrayDeque<CheckpointInfo> history = new ArrayDeque<>();
    private volatile long triggered;
    // @GuardedBy("this")
    private long pendingId;
    // @GuardedBy("this")
    private long pendingSince;
    // @GuardedBy("this")
    private Map<String, Map<Integer, Map<Integer, byte[]>>> pendingStates = new HashMap<>();
    // @GuardedBy("this")
    private long lastCompleted;

    public CheckpointCoordinator(String jobId, Path jobDir, long intervalMillis, long timeoutMillis, int retained,
            int expectedAcks, long lastId, JobAccess job) {
        this.jobId = jobId;
        this.jobDir = jobDir;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.retained = Math.max(1, retained);
        this.expectedAcks = expectedAcks;
        this.job = job;
        this.triggered = lastId;
        this.lastCompleted = lastId;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "weir-checkpoints-" + jobId);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::trigger, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** The newest checkpoint that completed (stored durably, sinks committed); 0 when none. */
    public synchronized long lastCompleted() {
        return lastCompleted;
    }

    /** The newest checkpoint sources should emit a barrier for. */
    public long triggered() {
        return triggered;
    }

    /** Starts the next checkpoint unless one is still pending (dropping it when it timed out). */
    public synchronized void trigger() {
        long now = System.currentTimeMillis();
        if (pendingId != 0) {
            if (now - pendingSince < timeoutMillis) {
                return;
            }
            LOG.warn("Checkpoint {} of job {} expired after {} ms; dropping it", pendingId, jobId, timeoutMillis);
            record(new CheckpointInfo(pendingId, "EXPIRED", Instant.ofEpochMilli(pendingSince), now - pendingSince, 0));
            pendingId = 0;
        }
        if (!job.allRunning()) {
            return;
        }
        pendingId = triggered + 1;
        pendingSince = now;
        pendingStates = new HashMap<>();
        triggered = pendingId;
        job.triggered(pendingId);
    }

    /** Subtask {@code taskKey} has passed barrier {@code checkpointId} with {@code states}. */
    public void acknowledge(long checkpointId, String taskKey, Map<Integer, Map<Integer, byte[]>> states) {
        CheckpointData data;
        long started;
        synchronized (this) {
            if (checkpointId != pendingId) {
                return;
            }
            pendingStates.put(taskKey, states);
            if (pendingStates.size() < expectedAcks) {
                return;
            }
            data = new CheckpointData(checkpointId, Map.copyOf(pendingStates), job.takeStaged(checkpointId),
                    System.currentTimeMillis(), job.operators());
            started = pendingSince;
            pendingId = 0;
        }
        complete(data, started);
    }

    private void complete(CheckpointData data, long started) {
        try {
            long size = data.write(jobDir);
            CheckpointData.prune(jobDir, retained);
            synchronized (this) {
                lastCompleted = data.id();
                record(new CheckpointInfo(data.id(), "COMPLETED", Instant.ofEpochMilli(started),
                        System.currentTimeMillis() - started, size));
                notifyAll();
            }
            LOG.debug("Checkpoint {} of job {} complete: {} bytes in {} ms", data.id(), jobId, size,
                    System.currentTimeMillis() - started);
            job.completed(data);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Checkpoint {} of job {} could not be stored: {}", data.id(), jobId, e.getMessage());
            synchronized (this) {
                record(new CheckpointInfo(data.id(), "FAILED", Instant.ofEpochMilli(started), System.currentTimeMillis() - started, 0));
            }
        }
    }

    /**
     * Triggers a checkpoint now and waits up to {@code timeoutMillis} for it to complete (a graceful
     * shutdown's final checkpoint); returns whether it did.
     */
    public boolean checkpointNow(long waitMillis) throws InterruptedException {
        long target;
        synchronized (this) {
            if (pendingId == 0) {
                long before = triggered;
                trigger();
                if (triggered == before) {
                    return false;
                }
            }
            target = pendingId;
            long deadline = System.currentTimeMillis() + waitMillis;
            while (lastCompleted < target) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
        }
        return true;
    }

    public synchronized List<CheckpointInfo> history() {
        return List.copyOf(history);
    }

    private void record(CheckpointInfo stats) {
        history.addLast(stats);
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Reads the checkpointing options of a job graph's config: interval in ms (0: off), timeout, retained. */
    public static long[] options(Map<String, String> config, Function<String, Long> durationMillis) {
        String interval = config.get("execution.checkpointing.interval");
        long intervalMillis = interval == null || interval.isBlank() ? 0 : durationMillis.apply(interval);
        String timeout = config.get("execution.checkpointing.timeout");
        long timeoutMillis = timeout == null ? 600_000 : durationMillis.apply(timeout);
        String retained = config.getOrDefault("state.checkpoints.num-retained", "1");
        return new long[] {intervalMillis, timeoutMillis, Long.parseLong(retained.trim())};
    }
}
