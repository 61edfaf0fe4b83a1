package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads borrowed from a shared pool: a
 * connection's messages are handled in order without owning a thread while idle.
 * Thread-safe.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    // @GuardedBy("this")
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    // @GuardedBy("this")
    private boolean draining;

    SerialExecutor(Executor delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void execute(Runnable task) {
        requireNonNull(task, "task is null");
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            throw e;
        }
    }

    /** The number of tasks waiting, not counting the one running. */
    synchronized int pending() {
        return tasks.size();
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("Unexpected failure in a pgwire session task", t);
            }
        }
    }
}
