package io.weir.executor.internal;

import io.weir.executor.operator.Cancellation;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where one producer channel sends what it emits for one consumer subtask: the consumer's
 * {@link InputGate} when both run in this worker (batches move by reference), or a
 * {@code RemoteChannel} to another worker (batches are serialized and flow under credits). Every
 * method may block while the consumer has no room, which is the back-pressure; it gives up with
 * {@code CancelledException} when the job stops. Called by one producer thread only.
 */
public interface ChannelTarget {
    /** Hands {@code batch} over; it then belongs to the target (released even when this throws). */
    void send(int input, long channel, VectorSchemaRoot batch, Cancellation cancellation);

    void sendWatermark(int input, long channel, long watermark, Cancellation cancellation);

    void sendIdle(int input, long channel, Cancellation cancellation);

    void sendBarrier(int input, long channel, long checkpointId, Cancellation cancellation);

    void sendEnd(int input, long channel, Cancellation cancellation);
}
