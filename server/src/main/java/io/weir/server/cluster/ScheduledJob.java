package io.weir.server.cluster;

import io.weir.executor.CheckpointInfo;
import io.weir.executor.JobHandle;
import io.weir.executor.JobStatus;
import io.weir.executor.ResultIterator;
import io.weir.executor.VertexMetrics;
import io.weir.executor.WatermarkInfo;
import io.weir.executor.cluster.JobMaster;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A job as the cluster hands it out: waiting for slots until it is placed, then its
 * {@link JobMaster}. While it waits it is RUNNING with {@link #waitingFor()} saying what it waits
 * for; a cancel or the slot timeout ends it without ever starting. Thread-safe.
 */
public final class ScheduledJob implements JobHandle {
    private final String jobId;
    private final Duration timeout;
    private final long since = System.nanoTime();
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile JobMaster master;
    private volatile String waitingFor;
    private volatile Throwable failure;
    private volatile boolean canceled;

    ScheduledJob(String jobId, Duration timeout) {
        this.jobId = jobId;
        this.timeout = timeout;
    }

    /** What the job waits for before it can start (e.g. "needs 4 slots, 2 free"), or null when it runs. */
    public String waitingFor() {
        return master == null && !isSettled() ? waitingFor : null;
    }

    Duration timeout() {
        return timeout;
    }

    boolean timedOut() {
        return System.nanoTime() - since > timeout.toNanos();
    }

    boolean isSettled() {
        return settled.getCount() == 0;
    }

    void waiting(String reason) {
        waitingFor = reason;
    }

    synchronized void placed(JobMaster placed) {
        master = placed;
        settled.countDown();
    }

    synchronized void giveUp(Throwable error) {
        if (!isSettled()) {
            failure = error;
            settled.countDown();
        }
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public JobStatus status() {
        JobMaster current = master;
        if (current != null) {
            return current.status();
        }
        if (failure != null) {
            return JobStatus.FAILED;
        }
        return canceled ? JobStatus.CANCELED : JobStatus.RUNNING;
    }

    @Override
    public Optional<Throwable> failure() {
        JobMaster current = master;
        return current != null ? current.failure() : Optional.ofNullable(failure);
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (master == null && !isSettled()) {
                canceled = true;
                settled.countDown();
                return;
            }
        }
        master.cancel();
    }

    @Override
    public JobStatus awaitTermination() throws InterruptedException {
        settled.await();
        JobMaster current = master;
        return current == null ? status() : current.awaitTermination();
    }

    @Override
    public boolean awaitTermination(long amount, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(amount);
        if (!settled.await(amount, unit)) {
            return false;
        }
        JobMaster current = master;
        return current == null || current.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public ResultIterator results() {
        try {
            while (!settled.await(50, TimeUnit.MILLISECONDS)) {
                // a query waits for slots like a job does; the client may cancel meanwhile
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while job " + jobId + " waited for slots");
        }
        JobMaster current = master;
        if (current == null) {
            Throwable error = failure;
            throw error instanceof WeirException weir ? weir
                    : new WeirException(ErrorCode.QUERY_CANCELED, "Job " + jobId + " was cancelled");
        }
        return current.results();
    }

    /** The job master once placed (for the HTTP API's per-worker detail); null while waiting. */
    public JobMaster master() {
        return master;
    }

    @Override
    public long rowsWritten() {
        JobMaster current = master;
        return current == null ? 0 : current.rowsWritten();
    }

    @Override
    public Map<Integer, VertexMetrics> metrics() {
        JobMaster current = master;
        return current == null ? Map.of() : current.metrics();
    }

    @Override
    public io.weir.executor.DeliveryGuarantee deliveryGuarantee() {
        JobMaster current = master;
        return current == null ? io.weir.executor.DeliveryGuarantee.NONE : current.deliveryGuarantee();
    }

    @Override
    public boolean checkpointNow(long waitMillis) throws InterruptedException {
        JobMaster current = master;
        return current != null && current.checkpointNow(waitMillis);
    }

    @Override
    public List<CheckpointInfo> checkpoints() {
        JobMaster current = master;
        return current == null ? List.of() : current.checkpoints();
    }

    @Override
    public List<WatermarkInfo> watermarks() {
        JobMaster current = master;
        return current == null ? List.of() : current.watermarks();
    }

    @Override
    public int runningSubtasks() {
        JobMaster current = master;
        return current == null ? 0 : current.runningSubtasks();
    }
}
