package io.weir.executor.internal;

import io.weir.executor.operator.Cancellation;
import io.weir.executor.operator.CancelledException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The inbox of one consumer subtask: a bounded queue of batches that every producer channel feeding
 * the subtask writes into (a local exchange: batches move by reference, no serialization). A full
 * queue blocks producers, which is the back-pressure. Each producer channel ends with one end marker;
 * the consumer knows how many to expect.
 *
 * <p>Thread-safe: many producers, one consumer. Once closed (the consumer ended), batches sent to it
 * are dropped (closed) at once.
 */
public final class InputGate {
    static final int CAPACITY = 8;
    private static final long POLL_MILLIS = 10;

    /** What an envelope carries. */
    enum Kind {
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
    record Envelope(int input, VectorSchemaRoot batch, long channel, Kind kind, long time) {
    }

    private final ArrayBlockingQueue<Envelope> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final int expectedEnds;
    private volatile boolean closed;

    InputGate(int expectedEnds) {
        this.expectedEnds = expectedEnds;
    }

    int expectedEnds() {
        return expectedEnds;
    }

    /** Hands {@code batch} of producer channel {@code channel} to the consumer, blocking while the queue is full; the batch then belongs to it. */
    void send(int input, long channel, VectorSchemaRoot batch, Cancellation cancellation) {
        put(new Envelope(input, batch, channel, Kind.BATCH, 0), cancellation);
    }

    /** Hands checkpoint {@code checkpointId}'s barrier of producer channel {@code channel} to the consumer. */
    void sendBarrier(int input, long channel, long checkpointId, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.BARRIER, checkpointId), cancellation);
    }

    void sendEnd(int input, long channel, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.END, 0), cancellation);
    }

    /** Hands the watermark of producer channel {@code channel} to the consumer, after the batches sent before it. */
    void sendWatermark(int input, long channel, long watermark, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.WATERMARK, watermark), cancellation);
    }

    /** Tells the consumer that producer channel {@code channel} is idle. */
    void sendIdle(int input, long channel, Cancellation cancellation) {
        put(new Envelope(input, null, channel, Kind.IDLE, 0), cancellation);
    }

    private void put(Envelope envelope, Cancellation cancellation) {
        try {
            while (!closed) {
                if (queue.offer(envelope, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
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

    /** The next envelope, blocking until there is one. */
    Envelope take(Cancellation cancellation) {
        try {
            while (true) {
                Envelope envelope = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (envelope != null) {
                    return envelope;
                }
                cancellation.check();
            }
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
            release(envelope);
        }
    }

    private static void release(Envelope envelope) {
        if (envelope.batch() != null) {
            envelope.batch().close();
        }
    }
}
