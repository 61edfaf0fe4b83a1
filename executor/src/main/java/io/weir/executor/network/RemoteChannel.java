package io.weir.executor.network;

import io.weir.executor.internal.ChannelTarget;
import io.weir.executor.internal.InputGate.Kind;
import io.weir.executor.operator.Cancellation;
import io.weir.executor.operator.CancelledException;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The producer's end of one channel to a consumer subtask on another worker. Every envelope
 * (batch, watermark, idle mark, barrier, end) needs a credit: the consumer grants
 * {@link #INITIAL_CREDITS} and returns one each time it takes an envelope off its gate, so at most
 * that many are on their way or queued at the consumer, and a slow consumer blocks its producer
 * here. One producer thread sends; credits arrive on a network thread.
 */
final class RemoteChannel implements ChannelTarget {
    static final int INITIAL_CREDITS = 4;
    private static final long WAIT_MILLIS = 10;

    private final DataPlane plane;
    private final String address;
    private final ChannelKey key;
    // @GuardedBy("this")
    private int credits = INITIAL_CREDITS;
    // @GuardedBy("this")
    private String broken;

    RemoteChannel(DataPlane plane, String address, ChannelKey key) {
        this.plane = plane;
        this.address = address;
        this.key = key;
    }

    String address() {
        return address;
    }

    ChannelKey key() {
        return key;
    }

    synchronized void credit(int granted) {
        credits += granted;
        notifyAll();
    }

    /** The connection to the consumer's worker is gone: every later send fails. */
    synchronized void broken(String reason) {
        broken = reason;
        notifyAll();
    }

    @Override
    public void send(int input, long channel, VectorSchemaRoot batch, Cancellation cancellation) {
        byte[] bytes;
        int rows = batch.getRowCount();
        try {
            awaitCredit(cancellation);
            bytes = BatchCodec.encode(batch);
        } finally {
            batch.close();
        }
        plane.sendData(address, key, input, Kind.BATCH, 0, bytes, rows);
    }

    @Override
    public void sendWatermark(int input, long channel, long watermark, Cancellation cancellation) {
        control(input, Kind.WATERMARK, watermark, cancellation);
    }

    @Override
    public void sendIdle(int input, long channel, Cancellation cancellation) {
        control(input, Kind.IDLE, 0, cancellation);
    }

    @Override
    public void sendBarrier(int input, long channel, long checkpointId, Cancellation cancellation) {
        control(input, Kind.BARRIER, checkpointId, cancellation);
    }

    @Override
    public void sendEnd(int input, long channel, Cancellation cancellation) {
        control(input, Kind.END, 0, cancellation);
    }

    private void control(int input, Kind kind, long time, Cancellation cancellation) {
        awaitCredit(cancellation);
        plane.sendData(address, key, input, kind, time, null, 0);
    }

    private synchronized void awaitCredit(Cancellation cancellation) {
        try {
            while (credits == 0 && broken == null) {
                if (cancellation.isStopping()) {
                    throw new CancelledException();
                }
                wait(WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (broken != null) {
            throw new WeirException(ErrorCode.IO_ERROR, "Lost the connection to the worker at " + address + ": " + broken);
        }
        credits--;
    }
}
