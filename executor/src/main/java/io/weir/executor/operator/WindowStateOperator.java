package io.weir.executor.operator;

import io.weir.executor.state.EventTimers;
import io.weir.executor.state.KeyedStateBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The part that window operators whose rows wait per window in keyed state share (window Top-N,
 * window join): the job's state backend (heap or RocksDB, cut by key group), an event-time timer
 * per key at its window's end, the late-row rule, firing, output batching and checkpoints.
 *
 * <p>A window fires when the watermark reaches {@code window_end - 1}: its timer calls
 * {@link #fireWindow} with the backend's current key set, which emits the window's rows and deletes
 * the key's state. A row whose window has fired ({@code window_end - 1 <= watermark}) is late. The
 * watermark is forwarded unchanged once the windows it closed have fired; at the end of input every
 * remaining window fires. A checkpoint stores the backend's snapshot and the watermark.
 * Single-threaded, as every operator.
 */
abstract class WindowStateOperator implements Operator, CheckpointedOperator {
    protected final KeyedStateBackend backend;
    protected final PendingRows pending;
    private final EventTimers windowEnds;
    private final BackendCheckpoints checkpoints;
    private final LongAdder lateRows;
    private final Output output;
    private long watermark = Long.MIN_VALUE;

    WindowStateOperator(TaskContext context, Output output) {
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.windowEnds = backend.timers("window-ends");
        this.lateRows = context.lateRowsDropped();
        this.pending = new PendingRows(context, output);
        this.output = output;
    }

    /** Whether a row of the window ending at {@code windowEnd} comes too late (and counts it if so). */
    protected final boolean dropIfLate(long windowEnd) {
        if (windowEnd - 1 <= watermark) {
            lateRows.increment();
            return true;
        }
        return false;
    }

    /** The current key holds rows of the window ending at {@code windowEnd}: it fires then. */
    protected final void registerWindow(long windowEnd) {
        windowEnds.register(windowEnd);
    }

    /** The current key's window closed: emit its rows into {@link #pending}, then delete its state. */
    protected abstract void fireWindow();

    /** Fires every window with {@code window_end - 1 <= watermark}, earliest first. */
    @Override
    public final boolean processWatermark(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        long fireUpTo = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark + 1;
        windowEnds.fireUpTo(fireUpTo, (keyGroup, key, end) -> fireWindow());
        pending.flush();
        return true;
    }

    /** The backend's snapshot of the open windows' rows and timers; the watermark as operator state. */
    @Override
    public final Map<Integer, byte[]> snapshotState(long checkpointId) {
        return checkpoints.snapshot(checkpointId, watermark);
    }

    @Override
    public final CompletableFuture<Void> snapshotStored(long checkpointId) {
        return checkpoints.stored();
    }

    /** Every former subtask's watermark comes back (equal at a barrier): the operator keeps the highest. */
    @Override
    public final boolean sharesOperatorState() {
        return true;
    }

    @Override
    public final void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        watermark = checkpoints.restore(keyedState, operatorState, watermark);
    }

    @Override
    public final void finish() {
        processWatermark(Long.MAX_VALUE);
        output.finish();
    }

    @Override
    public final void close() {
        pending.close();
        backend.close();
    }
}
