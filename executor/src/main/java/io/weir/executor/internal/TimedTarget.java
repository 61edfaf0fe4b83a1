package io.weir.executor.internal;

import io.weir.executor.operator.Cancellation;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A {@link ChannelTarget} that adds the time each hand-over took to a counter: a producer that waits
 * for room at a slow consumer (a full gate, no credits) shows up there, which is what the job's
 * back-pressure figure reports.
 */
final class TimedTarget implements ChannelTarget {
    private final ChannelTarget target;
    private final LongAdder nanos;

    TimedTarget(ChannelTarget target, LongAdder nanos) {
        this.target = target;
        this.nanos = nanos;
    }

    @Override
    public void send(int input, long channel, VectorSchemaRoot batch, Cancellation cancellation) {
        long started = System.nanoTime();
        try {
            target.send(input, channel, batch, cancellation);
        } finally {
            nanos.add(System.nanoTime() - started);
        }
    }

    @Override
    public void sendWatermark(int input, long channel, long watermark, Cancellation cancellation) {
        target.sendWatermark(input, channel, watermark, cancellation);
    }

    @Override
    public void sendIdle(int input, long channel, Cancellation cancellation) {
        target.sendIdle(input, channel, cancellation);
    }

    @Override
    public void sendBarrier(int input, long channel, long checkpointId, Cancellation cancellation) {
        target.sendBarrier(input, channel, checkpointId, cancellation);
    }

    @Override
    public void sendEnd(int input, long channel, Cancellation cancellation) {
        target.sendEnd(input, channel, cancellation);
    }
}
