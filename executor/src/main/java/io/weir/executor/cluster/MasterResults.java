package io.weir.executor.cluster;

import io.weir.executor.JobHandle;
import io.weir.executor.JobStatus;
import io.weir.executor.ResultIterator;
import io.weir.executor.operator.ResultQueue;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Reads a job's collect queue for the client (see {@link JobHandle#results()}): chunks as they
 * come, the job's failure as an exception, cancellation as QUERY_CANCELED. Closing it cancels the
 * job. One reader.
 */
final class MasterResults implements ResultIterator {
    private final JobHandle job;
    private final Supplier<ResultQueue> queue;
    private List<Object[]> chunk = List.of();
    private int position;
    private volatile boolean closed;

    MasterResults(JobHandle job, Supplier<ResultQueue> queue) {
        this.job = job;
        this.queue = queue;
    }

    @Override
    public boolean hasNext() {
        while (position >= chunk.size()) {
            if (!advance()) {
                return false;
            }
        }
        return true;
    }

    private boolean advance() {
        ResultQueue results = queue.get();
        if (results == null || closed) {
            checkFailure();
            return false;
        }
        try {
            while (true) {
                checkFailure();
                List<Object[]> next = results.poll(10);
                if (next == null && results.isEnded()) {
                    next = results.poll(0);
                    if (next == null) {
                        return false;
                    }
                }
                if (next != null) {
                    chunk = next;
                    position = 0;
                    return true;
                }
                if (job.status() == JobStatus.CANCELED) {
                    throw new WeirException(ErrorCode.QUERY_CANCELED, "Job " + job.jobId() + " was cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while waiting for rows of job " + job.jobId(), e);
        }
    }

    private void checkFailure() {
        Throwable error = job.failure().orElse(null);
        if (error == null) {
            return;
        }
        if (error instanceof WeirException weir) {
            throw weir;
        }
        throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error in job " + job.jobId() + ": " + error, error);
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(position++);
    }

    @Override
    public void close() {
        closed = true;
        job.cancel();
        ResultQueue results = queue.get();
        if (results != null) {
            results.clear();
        }
    }
}
