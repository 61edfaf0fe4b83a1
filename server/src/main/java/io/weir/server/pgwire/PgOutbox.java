package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries backend messages from a session thread to the connection's event loop, in order.
 *
 * <p>Messages go into a queue; one drain task on the event loop writes everything queued and
 * flushes once, so rows produced while the event loop is busy share one flush, and a lone row of a
 * slow streaming query is still sent at once. {@link #awaitCapacity} blocks the producer while the
 * queue or the channel's outbound buffer is full (back-pressure from a slow client).
 *
 * <p>Threads: {@link #send} and {@link #awaitCapacity} from the session thread; {@link #signal}
 * from any thread.
 */
final class PgOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(PgOutbox.class);
    private static final int MAX_QUEUED_MESSAGES = 1024;
    private static final long WAIT_MILLIS = 50;

    private final Channel channel;
    private final Queue<BackendMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Object capacity = new Object();

    PgOutbox(Channel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    /** Queues a message and makes sure a drain is scheduled. */
    void send(BackendMessage message) {
        queue.add(requireNonNull(message, "message is null"));
        queued.incrementAndGet();
        if (drainScheduled.compareAndSet(false, true)) {
            runOnEventLoop(this::drain);
        }
    }

    /** Queues a last message and closes the channel once everything queued is written. */
    void sendAndClose(BackendMessage message) {
        queue.add(requireNonNull(message, "message is null"));
        queued.incrementAndGet();
        closeAfterQueued();
    }

    /** Closes the channel once everything queued is written. */
    void closeAfterQueued() {
        runOnEventLoop(() -> {
            drain();
            channel.close();
        });
    }

    /**
     * Waits while the client is behind. {@code check} runs before each wait and throws to abort
     * (cancel, disconnect).
     */
    void awaitCapacity(Runnable check) {
        if (hasCapacity()) {
            return;
        }
        synchronized (capacity) {
            while (!hasCapacity()) {
                check.run();
                try {
                    capacity.wait(WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the client", e);
                }
            }
        }
    }

    /** Wakes a producer waiting in {@link #awaitCapacity}: writability changed, or it was cancelled. */
    void signal() {
        synchronized (capacity) {
            capacity.notifyAll();
        }
    }

    private boolean hasCapacity() {
        return queued.get() < MAX_QUEUED_MESSAGES && channel.isWritable();
    }

    private void drain() {
        drainScheduled.set(false);
        int written = 0;
        BackendMessage message;
        while ((message = queue.poll()) != null) {
            channel.write(message, channel.voidPromise());
            written++;
        }
        if (written > 0) {
            channel.flush();
            queued.addAndGet(-written);
            signal();
        }
    }

    private void runOnEventLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Event loop shut down; dropping output of a closed connection");
        }
    }
}
