package io.weir.executor.internal;

import io.weir.executor.CheckpointInfo;
import io.weir.spi.connector.Committable;
import java.io.IOException;
import io.weir.executor.state.CheckpointDirectory;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers a job's checkpoints and completes them: a trigger asks every source subtask to snapshot
 * and emit barrier n; every subtask acknowledges once the barrier has passed its chain; with all
 * acknowledgements in, the checkpoint (state and the sinks' staged committables) is written to
 * storage, and only then are the sinks told to commit. Up to {@code max-concurrent-checkpoints} are
 * pending at once, a new one starts no sooner than {@code min-pause} after the last one ended, and one
 * that is not complete within the timeout is dropped (its staged output is committed with the next
 * one). More consecutive failed checkpoints (expired or not stored) than
 * {@code tolerable-failed-checkpoints} fail the job. Thread-safe.
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

        /** Too many checkpoints failed in a row: the job fails with {@code error}. */
        void failed(WeirException error);

        /** Checkpoint {@code checkpointId} was triggered: its sources must hear of it. No effect by default. */
        default void triggered(long checkpointId) {
        }
    }

    /** A checkpoint waiting for acknowledgements. */
    private static final class Pending {
        final long since;
        final Map<String, Map<Integer, Map<Integer, byte[]>>> states = new HashMap<>();
        long alignmentNanos;

        Pending(long since) {
            this.since = since;
        }
    }

    private final String jobId;
    private final CheckpointDirectory jobDir;
    private final CheckpointPruning pruning;
    private final CheckpointSettings settings;
    private final int expectedAcks;
    private final JobAccess job;
    private final ScheduledExecutorService timer;
    private final Object storing = new Object();
    private final ArrayDeque<CheckpointInfo> history = new ArrayDeque<>();
    private volatile long triggered;
    // @GuardedBy("this")
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    // @GuardedBy("this")
    private long lastCompleted;
    // @GuardedBy("this")
    private long lastEnded;
    // @GuardedBy("this")
    private int consecutiveFailures;
    // @GuardedBy("this")
    private long lastTrigger;
    // @GuardedBy("this"): checkpoints acknowledged by every subtask and still being written
    private final TreeSet<Long> storingIds = new TreeSet<>();
    // @GuardedBy("this"): a checkpoint was aborted since the last pruning looked for its late uploads
    private boolean abortedSincePruning;

    public CheckpointCoordinator(String jobId, CheckpointDirectory jobDir, CheckpointSettings settings, int expectedAcks, long lastId,
            JobAccess job) {
        this.jobId = jobId;
        this.jobDir = jobDir;
        this.pruning = new CheckpointPruning(jobDir);
        this.settings = settings;
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
        // a short tick, so that a checkpoint held back by min-pause or max-concurrent starts soon after
        long tick = Math.max(1, Math.min(settings.intervalMillis(), 50));
        timer.scheduleWithFixedDelay(this::tick, settings.intervalMillis(), tick, TimeUnit.MILLISECONDS);
    }

    /** The newest checkpoint that completed (stored durably, sinks committed); 0 when none. */
    public synchronized long lastCompleted() {
        return lastCompleted;
    }

    /** The newest checkpoint sources should emit a barrier for. */
    public long triggered() {
        return triggered;
    }

    /** Runs on the timer: expires overdue checkpoints, then triggers once the interval has passed. */
    private synchronized void tick() {
        long now = System.currentTimeMillis();
        expire(now);
        if (now - lastTrigger >= settings.intervalMillis()) {
            trigger(false);
        }
    }

    /**
     * Starts the next checkpoint unless {@code max-concurrent-checkpoints} are pending or the
     * min-pause since the last one ended has not passed ({@code force}: a final checkpoint ignores
     * both); returns whether it started one.
     */
    synchronized boolean trigger(boolean force) {
        long now = System.currentTimeMillis();
        expire(now);
        // as in Flink, a min-pause means one checkpoint at a time: the pause runs from the end of the last one
        int concurrent = settings.minPauseMillis() > 0 ? 1 : settings.maxConcurrent();
        if (!force && (pending.size() + storingIds.size() >= concurrent || now - lastEnded < settings.minPauseMillis())) {
            return false;
        }
        if (!job.allRunning()) {
            return false;
        }
        long id = triggered + 1;
        pending.put(id, new Pending(now));
        lastTrigger = now;
        triggered = id;
        job.triggered(id);
        return true;
    }

    // @GuardedBy("this")
    private void expire(long now) {
        while (!pending.isEmpty() && now - pending.firstEntry().getValue().since >= settings.timeoutMillis()) {
            Map.Entry<Long, Pending> expired = pending.pollFirstEntry();
            LOG.warn("Checkpoint {} of job {} expired after {} ms; dropping it", expired.getKey(), jobId,
                    settings.timeoutMillis());
            record(new CheckpointInfo(expired.getKey(), "EXPIRED", Instant.ofEpochMilli(expired.getValue().since),
                    now - expired.getValue().since, 0, expired.getValue().alignmentNanos / 1_000_000, 0));
            failed(expired.getKey(), "it expired after " + settings.timeoutMillis() + " ms");
            aborted(expired.getKey());
        }
    }

    /**
     * Checkpoint {@code checkpointId} will not complete: the private files its subtasks uploaded are
     * deleted on the timer (storage calls stay off this monitor).
     */
    // @GuardedBy("this")
    private void aborted(long checkpointId) {
        abortedSincePruning = true;
        try {
            timer.execute(() -> pruning.deleteAborted(checkpointId));
        } catch (RejectedExecutionException closed) {
            // the job has ended: its next execution deletes what no completed checkpoint refers to
        }
    }

    /**
     * Deletes what checkpoints of earlier executions of the job uploaded without completing (files no
     * stored checkpoint or pinned savepoint refers to). Call before the execution is deployed, while
     * no subtask of the job uploads.
     */
    public void deleteLeftovers() {
        pruning.deleteUnreferenced();
    }

    // @GuardedBy("this")
    private void failed(long checkpointId, String why) {
        lastEnded = System.currentTimeMillis();
        consecutiveFailures++;
        if (consecutiveFailures > settings.tolerableFailures()) {
            job.failed(new WeirException(ErrorCode.IO_ERROR, consecutiveFailures
                    + " checkpoint" + (consecutiveFailures == 1 ? "" : "s") + " in a row failed, more than '"
                    + CheckpointSettings.TOLERABLE + "' = " + settings.tolerableFailures() + " allows (checkpoint "
                    + checkpointId + ": " + why + ")"));
        }
    }

    /**
     * Subtask {@code taskKey} has passed barrier {@code checkpointId} with {@code states}, after
     * holding channels back for {@code alignmentNanos} waiting for the barrier on its other inputs.
     */
    public void acknowledge(long checkpointId, String taskKey, Map<Integer, Map<Integer, byte[]>> states,
            long alignmentNanos) {
        CheckpointData data;
        long started;
        long alignmentMillis;
        synchronized (this) {
            Pending checkpoint = pending.get(checkpointId);
            if (checkpoint == null) {
                return;
            }
            checkpoint.alignmentNanos = Math.max(checkpoint.alignmentNanos, alignmentNanos);
            checkpoint.states.put(taskKey, Map.copyOf(states));
            if (checkpoint.states.size() < expectedAcks) {
                return;
            }
            pending.remove(checkpointId);
            storingIds.add(checkpointId);
            // an older checkpoint still pending can no longer complete usefully: this one subsumes it
            SortedMap<Long, Pending> subsumed = pending.headMap(checkpointId);
            subsumed.keySet().forEach(this::aborted);
            subsumed.clear();
            data = new CheckpointData(checkpointId, Map.copyOf(checkpoint.states), job.takeStaged(checkpointId),
                    System.currentTimeMillis(), job.operators());
            started = checkpoint.since;
            alignmentMillis = checkpoint.alignmentNanos / 1_000_000;
        }
        complete(data, started, alignmentMillis);
    }

    private void complete(CheckpointData data, long started, long alignmentMillis) {
        synchronized (storing) {
            try {
                long size = data.write(jobDir);
                long abortedBelow;
                synchronized (this) {
                    // this one subsumed every older pending checkpoint: those older than every checkpoint
                    // still being stored will never complete, and what their late uploads added can go
                    abortedBelow = abortedSincePruning ? storingIds.first() : 0;
                    abortedSincePruning = false;
                }
                pruning.prune(settings.retained(), abortedBelow);
                synchronized (this) {
                    storingIds.remove(data.id());
                    lastCompleted = Math.max(lastCompleted, data.id());
                    lastEnded = System.currentTimeMillis();
                    consecutiveFailures = 0;
                    notifyAll();
                }
                long duration = System.currentTimeMillis() - started;
                LOG.debug("Checkpoint {} of job {} complete: {} bytes in {} ms", data.id(), jobId, size, duration);
                job.completed(data);
                synchronized (this) {
                    record(new CheckpointInfo(data.id(), "COMPLETED", Instant.ofEpochMilli(started), duration, size,
                            alignmentMillis, System.currentTimeMillis() - started));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Checkpoint {} of job {} could not be stored: {}", data.id(), jobId, e.getMessage());
                synchronized (this) {
                    storingIds.remove(data.id());
                    aborted(data.id());
                    record(new CheckpointInfo(data.id(), "FAILED", Instant.ofEpochMilli(started),
                            System.currentTimeMillis() - started, 0, alignmentMillis, 0));
                    failed(data.id(), "it could not be stored: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Triggers a checkpoint now and waits up to {@code waitMillis} for it to complete (a graceful
     * shutdown's final checkpoint); returns whether it did.
     */
    public boolean checkpointNow(long waitMillis) throws InterruptedException {
        synchronized (this) {
            if (!trigger(true)) {
                return false;
            }
            long target = triggered;
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
}
