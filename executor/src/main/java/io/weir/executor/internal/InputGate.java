package io.weir.executor.internal;

import io.weir.executor.operator.Cancellation;
import io.weir.executor.operator.CancelledException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The inbox of one consumer subtask: a queue of batches that every producer channel feeding the
 * subtask writes into. Producers in this worker put batches by reference (no serialization) and
 * share {@link #CAPACITY} places: a full gate blocks them, which is the back-pressure. Envelopes from
 * other workers arrive through {@link #deliverRemote}, which never blocks (the network thread calls
 * it): the sender only sends under a credit, and the credit goes back when the consumer takes the
 * envelope, so those places are bounded by the credits too. Each producer channel ends with one end
 * marker; the consumer knows how many to expect.
 *
 * <p>Thread-safe: many producers, one consumer. Once closed (the consumer ended), batches sent to it
 * are dropped (closed) at once.
 */
public final class InputGate implements ChannelTarget {
    static final int CAPACITY = 8;
    private static final long POLL_MILLIS = 10;

    /** What an envelope carries. */
    public enum Kind {
        BATCH,
        WATERMARK,
        IDLE,
        /** A checkpoint barrier; {@code time} is the checkpoint id. */
        BARRIER,
        END
    }

    /**
     * A batch for input {@code input}; or from producer channel {@code channel} its watermark
     * {@code time}, its going idle, or its end.
     */
    record Envelope(int input, VectorSchemaRoot batch, long channel, Kind kind, long time, Runnable onTaken) {
        Envelope(int input, VectorSchemaRoot batch, long channel, Kind kind, long time) {
            this(input, batch, channel, kind, time, null);
        }
    }

    private final LinkedBlockingQueue<Envelope> queue = new LinkedBlockingQueue<>();
    private final Semaphore localPlaces = new Semaphore(CAPACITY);
    private final int expectedEnds;
    private volatile boolean closed;

    InputGate(int expectedEnds) {
        this.expectedEnds = expectedEnds;
    }

    int expectedEnds() {
        return expectedEnds;
    }

    /** Hands {@code batch} of producer channel {@code channel} to the consumer, blocking while the queue is full; the batch then belongs to it. */
    @Override
    public void send(int input, long channel, VectorSchemaRoot batch, Cancellation cancellation) {
        put(new Envelope(input, batch, channel, Kind.BATCH, 0), cancellation);
    }

    /** Hands checkpoint {@code checkpointId}'s barrier of producer channel {@code channel} to the consumer. */
    @Override
    public void sendBarrier(int input, long channel, long checkpointId, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.BARRIER, checkpointId), cancellation);
    }

    @Override
    public void sendEnd(int input, long channel, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.END, 0), cancellation);
    }

    /** Hands the watermark of producer channel {@code channel} to the consumer, after the batches sent before it. */
    @Override
    public void sendWatermark(int input, long channel, long watermark, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.WATERMARK, watermark), cancellation);
    }

    /** Tells the consumer that producer channel {@code channel} is idle. */
    @Override
    public void sendIdle(int input, long channel, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.IDLE, 0), cancellation);
    }

    /**
     * An envelope from another worker (the network thread calls this; it never blocks).
     * {@code onTaken} returns the sender's credit once the consumer has taken it.
     */
    public void deliverRemote(int input, long channel, Kind kind, long time, VectorSchemaRoot batch, Runnable onTaken) {
        Envelope envelope = new Envelope(input, batch, channel, kind, time, onTaken);
        if (closed) {
            release(envelope);
            return;
        }
        queue.add(envelope);
        if (closed) {
            drain();
        }
    }

    private void put(Envelope envelope, Cancellation cancellation) {
        try {
            while (!closed) {
                if (localPlaces.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    queue.add(envelope);
                    if (closed) {
                        drain();
                    }
                    return;
                }
                if (cancellation.isStopping()) {
                    throw new CancelledException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(envelope);
            throw new CancelledException();
        } catch (CancelledException e) {
            release(envelope);
            throw e;
        }
        release(envelope);
    }

    /** The next envelope, or null when none arrived within {@code maxWaitMillis} (the consumer then does its timed work). */
    Envelope poll(Cancellation cancellation, long maxWaitMillis) {
        try {
            Envelope envelope = queue.poll(maxWaitMillis, TimeUnit.MILLISECONDS);
            if (envelope != null) {
                taken(envelope);
                return envelope;
            }
            cancellation.check();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** The consumer has ended: refuse further batches and release the queued ones. */
    void close() {
        closed = true;
        drain();
    }

    /** Releases every queued batch. */
    void drain() {
        Envelope envelope;
        while ((envelope = queue.poll()) != null) {
            taken(envelope);
            release(envelope);
        }
    }

    /** The envelope left the queue: its place is free again (a local one), or its credit goes back. */
    private void taken(Envelope envelope) {
        if (envelope.onTaken() == null) {
            localPlaces.release();
        } else if (!closed) {
            envelope.onTaken().run();
        }
    }

    private static void release(Envelope envelope) {
        if (envelope.batch() != null) {
            envelope.batch().close();
        }
    }
}
