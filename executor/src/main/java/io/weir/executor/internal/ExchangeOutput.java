package io.weir.executor.internal;

import static java.util.Objects.requireNonNull;

import io.weir.executor.operator.Cancellation;
import io.weir.executor.operator.Output;
import io.weir.executor.plan.Edge;
import io.weir.spi.type.RowType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One producer subtask's side of an edge to another thread: picks the consumer subtask(s) of every
 * batch by the edge's {@code ExchangeKind} and hands it to their {@link ChannelTarget}s (local gates, or remote channels to other workers). HASH splits a
 * batch by key group (copying rows); BROADCAST shares buffers between the copies.
 */
final class ExchangeOutput implements Output {
    private final Edge edge;
    private final int producerSubtask;
    private final List<ChannelTarget> targets;
    private final RowType rowType;
    private final BufferAllocator allocator;
    private final Cancellation cancellation;
    private int nextTarget;
    // the rows of the batch being partitioned that go to one target, reused
    private int[] selectedRows = new int[0];
    private int[] targetOfRow = new int[0];

    ExchangeOutput(Edge edge, int producerSubtask, List<ChannelTarget> targets, RowType rowType, BufferAllocator allocator,
            Cancellation cancellation) {
        this.edge = requireNonNull(edge, "edge is null");
        this.producerSubtask = producerSubtask;
        this.targets = List.copyOf(targets);
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
        this.nextTarget = producerSubtask % this.targets.size();
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        int input = edge.targetInput();
        switch (edge.kind()) {
            case FORWARD -> targets.get(producerSubtask).send(input, channel(), batch, cancellation);
            case GATHER -> targets.get(0).send(input, channel(), batch, cancellation);
            case REBALANCE -> {
                ChannelTarget target = targets.get(nextTarget);
                nextTarget = (nextTarget + 1) % targets.size();
                target.send(input, channel(), batch, cancellation);
            }
            case BROADCAST -> broadcast(batch);
            case HASH -> partition(batch);
            default -> throw new IllegalStateException("exchange " + edge.kind());
        }
    }

    private void broadcast(VectorSchemaRoot batch) {
        try {
            for (int i = 0; i < targets.size() - 1; i++) {
                targets.get(i).send(edge.targetInput(), channel(), Batches.copy(batch, allocator), cancellation);
            }
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
        targets.get(targets.size() - 1).send(edge.targetInput(), channel(), batch, cancellation);
    }

    private void partition(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        int parallelism = targets.size();
        if (parallelism == 1) {
            targets.get(0).send(edge.targetInput(), channel(), batch, cancellation);
            return;
        }
        try {
            if (targetOfRow.length < rows) {
                targetOfRow = new int[rows];
            }
            KeyGroups.assign(batch, edge.hashKeys(), parallelism, targetOfRow);
            int[] counts = new int[parallelism];
            for (int r = 0; r < rows; r++) {
                counts[targetOfRow[r]]++;
            }
            for (int target = 0; target < parallelism; target++) {
                if (counts[target] == 0) {
                    continue;
                }
                targets.get(target).send(edge.targetInput(), channel(), select(batch, target, counts[target]), cancellation);
            }
        } finally {
            batch.close();
        }
    }

    private VectorSchemaRoot select(VectorSchemaRoot batch, int target, int count) {
        if (count == batch.getRowCount()) {
            return Batches.copy(batch, allocator);
        }
        if (selectedRows.length < count) {
            selectedRows = new int[Math.max(count, batch.getRowCount())];
        }
        int rows = batch.getRowCount();
        int out = 0;
        for (int r = 0; r < rows; r++) {
            if (targetOfRow[r] == target) {
                selectedRows[out++] = r;
            }
        }
        return Batches.gather(batch, rowType, selectedRows, count, allocator);
    }

    /** Watermarks go to every consumer subtask this producer feeds (all of them unless FORWARD or GATHER). */
    @Override
    public void emitWatermark(long watermark) {
        switch (edge.kind()) {
            case FORWARD -> targets.get(producerSubtask).sendWatermark(edge.targetInput(), channel(), watermark,
                    cancellation);
            case GATHER -> targets.get(0).sendWatermark(edge.targetInput(), channel(), watermark, cancellation);
            default -> {
                for (ChannelTarget target : targets) {
                    target.sendWatermark(edge.targetInput(), channel(), watermark, cancellation);
                }
            }
        }
    }

    /** Barriers go wherever watermarks go: to every consumer this producer can send batches to. */
    @Override
    public void emitBarrier(long checkpointId) {
        switch (edge.kind()) {
            case FORWARD -> targets.get(producerSubtask).sendBarrier(edge.targetInput(), channel(), checkpointId,
                    cancellation);
            case GATHER -> targets.get(0).sendBarrier(edge.targetInput(), channel(), checkpointId, cancellation);
            default -> {
                for (ChannelTarget target : targets) {
                    target.sendBarrier(edge.targetInput(), channel(), checkpointId, cancellation);
                }
            }
        }
    }

    @Override
    public void markIdle() {
        switch (edge.kind()) {
            case FORWARD -> targets.get(producerSubtask).sendIdle(edge.targetInput(), channel(), cancellation);
            case GATHER -> targets.get(0).sendIdle(edge.targetInput(), channel(), cancellation);
            default -> {
                for (ChannelTarget target : targets) {
                    target.sendIdle(edge.targetInput(), channel(), cancellation);
                }
            }
        }
    }

    @Override
    public void finish() {
        switch (edge.kind()) {
            case FORWARD -> targets.get(producerSubtask).sendEnd(edge.targetInput(), channel(), cancellation);
            case GATHER -> targets.get(0).sendEnd(edge.targetInput(), channel(), cancellation);
            default -> {
                for (ChannelTarget target : targets) {
                    target.sendEnd(edge.targetInput(), channel(), cancellation);
                }
            }
        }
    }

    /** This producer's channel into a consumer's gate: unique per (source vertex, target input, producer subtask). */
    private long channel() {
        return channelId(edge, producerSubtask);
    }

    static long channelId(Edge edge, int producerSubtask) {
        return ((long) edge.source() << 40) | ((long) edge.targetInput() << 20) | producerSubtask;
    }
}
