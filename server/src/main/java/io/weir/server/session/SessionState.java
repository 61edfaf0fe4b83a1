package io.weir.server.session;

import io.weir.executor.JobHandle;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a session remembers between statements: its options ({@code SET 'k' = 'v'}) and the job of
 * the statement running now, which a cancel request stops.
 *
 * <p>Options are touched only by the session's statement thread; the running job and the cancel
 * flag also by the thread that delivers a CancelRequest.
 */
final class SessionState {
    private final Map<String, String> options = new TreeMap<>();
    private final TransactionBlock transactions = new TransactionBlock();
    private volatile JobHandle running;
    private volatile boolean cancelled;

    /** The session's transaction block, which also holds its cursors. */
    TransactionBlock transactions() {
        return transactions;
    }

    Map<String, String> options() {
        return options;
    }

    /** A copy of the options, for planning a job. */
    Map<String, String> optionsSnapshot() {
        return Map.copyOf(options);
    }

    void setRunning(JobHandle job) {
        running = job;
        if (cancelled && job != null) {
            job.cancel();
        }
    }

    void cancel() {
        cancelled = true;
        JobHandle job = running;
        if (job != null) {
            job.cancel();
        }
    }

    void clearCancel() {
        cancelled = false;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
