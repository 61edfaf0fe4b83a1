package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.state.EventTimers;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.ValueState;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link SessionAssignSpec}: keeps each partition's waiting rows ordered by time, and at each
 * watermark (and at the end of input) walks them session by session, emitting every session that can
 * no longer grow with its bounds appended. Rows are held as value arrays; sessions are closed in time
 * order, so the walk stops at the first open one.
 *
 * <p>State, in the job's state backend (heap or RocksDB) under the partition key and its key group:
 * the partition's waiting rows by time ({@code waiting}, read once and written once per batch that
 * touches the partition), and an event-time timer at {@code ts + gap - 1} per waiting time, the
 * earliest watermark at which the session of that row can close; a firing timer walks its partition.
 * The watermark is operator state. The backend is closed with the operator.
 */
public final class SessionAssignOperator implements Operator, CheckpointedOperator {
    private final SessionAssignSpec spec;
    private final RowType inputType;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private final KeyedStateBackend backend;
    private final BackendCheckpoints checkpoints;
    private final ValueState<TreeMap<Long, List<Object[]>>> waiting;
    private final EventTimers sessionEnds;
    private long watermark = Long.MIN_VALUE;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private SessionAssignOperator(SessionAssignSpec spec, RowType inputType, TaskContext context, Output output) {
        this.spec = spec;
        this.inputType = inputType;
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.lateRows = context.lateRowsDropped();
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.waiting = backend.valueState("waiting", new WaitingCodec(inputType.size()));
        this.sessionEnds = backend.timers("session-ends");
    }

    /** A partition's waiting rows as the count of rows, then each row's values, as {@link BackendCheckpoints#rows}. */
    private static final class WaitingCodec implements StateCodec<TreeMap<Long, List<Object[]>>> {
        private final int width;
        private final StateCodec<List<Object[]>> rows;

        WaitingCodec(int width) {
            this.width = width;
            this.rows = BackendCheckpoints.rows(width + 1);
        }

        @Override
        public byte[] encode(TreeMap<Long, List<Object[]>> waiting) {
            List<Object[]> all = new ArrayList<>();
            waiting.forEach((ts, sameTime) -> sameTime.forEach(row -> {
                Object[] withTime = Arrays.copyOf(row, width + 1);
                withTime[width] = ts;
                all.add(withTime);
            }));
            return rows.encode(all);
        }

        @Override
        public TreeMap<Long, List<Object[]>> decode(byte[] bytes) {
            TreeMap<Long, List<Object[]>> waiting = new TreeMap<>();
            for (Object[] withTime : rows.decode(bytes)) {
                waiting.computeIfAbsent((Long) withTime[width], k -> new ArrayList<>()).add(Arrays.copyOf(withTime, width));
            }
            return waiting;
        }
    }

    /** A partition a batch touches: where it is stored, and its waiting rows while the batch adds to them. */
    private record Touched(int keyGroup, byte[] key, TreeMap<Long, List<Object[]>> rows) {
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        Map<List<Object>, Touched> touched = new LinkedHashMap<>();
        try {
            int columns = inputType.size();
            int[] keyGroups = KeyGroups.keyGroups(batch, spec.partitionKeys());
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object time = BatchValues.get(batch.getVector(spec.timeColumn()), row);
                if (time == null) {
                    continue;
                }
                long ts = (Long) time;
                Object[] values = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    values[c] = BatchValues.get(batch.getVector(c), row);
                }
                int keyGroup = keyGroups[row];
                Touched partition = touched.computeIfAbsent(key(values), k -> read(keyGroup, KeyCodec.INSTANCE.encode(k)));
                TreeMap<Long, List<Object[]>> rows = partition.rows();
                if (ts + spec.gap() - 1 <= watermark && !touchesWaitingRow(rows, ts)) {
                    lateRows.increment();
                    continue;
                }
                List<Object[]> sameTime = rows.get(ts);
                if (sameTime == null) {
                    sameTime = new ArrayList<>();
                    rows.put(ts, sameTime);
                    backend.setCurrentKey(keyGroup, partition.key());
                    sessionEnds.register(ts + spec.gap() - 1);
                }
                sameTime.add(values);
            }
        } finally {
            batch.close();
        }
        for (Touched partition : touched.values()) {
            backend.setCurrentKey(partition.keyGroup(), partition.key());
            store(partition.rows());
        }
    }

    private Touched read(int keyGroup, byte[] key) {
        backend.setCurrentKey(keyGroup, key);
        TreeMap<Long, List<Object[]>> rows = waiting.value();
        return new Touched(keyGroup, key, rows == null ? new TreeMap<>() : rows);
    }

    /** Stores the current partition's waiting rows (none: clears it). */
    private void store(TreeMap<Long, List<Object[]>> rows) {
        if (rows.isEmpty()) {
            waiting.clear();
        } else {
            waiting.update(rows);
        }
    }

    /** Whether a row at {@code ts} would join the session of a row still waiting (closer than the gap). */
    private boolean touchesWaitingRow(TreeMap<Long, List<Object[]>> rows, long ts) {
        Long before = rows.floorKey(ts);
        Long after = rows.ceilingKey(ts);
        return before != null && ts - before < spec.gap() || after != null && after - ts < spec.gap();
    }

    @Override
    public boolean processWatermark(long newWatermark) {
        if (newWatermark > watermark) {
            watermark = newWatermark;
            emitClosed(newWatermark);
        }
        return true;
    }

    /** The backend's snapshot of every partition's waiting rows and timers, and the watermark. */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return checkpoints.snapshot(checkpointId, watermark);
    }

    @Override
    public CompletableFuture<Void> snapshotStored(long checkpointId) {
        return checkpoints.stored();
    }

    /** Every former subtask's watermark comes back (they are equal at a barrier): the operator keeps the highest. */
    @Override
    public boolean sharesOperatorState() {
        return true;
    }

    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        watermark = checkpoints.restore(keyedState, operatorState, watermark);
    }

    @Override
    public void finish() {
        emitClosed(Long.MAX_VALUE);
        output.finish();
    }

    /**
     * Emits, per partition with a due timer, the sessions whose {@code window_end - 1} is at most
     * {@code upTo}; a partition with several due timers is walked once.
     */
    private void emitClosed(long upTo) {
        Set<ByteBuffer> walked = new HashSet<>();
        sessionEnds.fireUpTo(upTo, (keyGroup, key, time) -> {
            if (walked.add(ByteBuffer.wrap(key))) {
                emitClosed(waiting.value(), upTo);
            }
        });
        flush();
    }

    /** Emits the current partition's closed sessions, in time order, and stores what still waits. */
    private void emitClosed(TreeMap<Long, List<Object[]>> rows, long upTo) {
        if (rows == null) {
            return;
        }
        while (!rows.isEmpty()) {
            long start = rows.firstKey();
            long last = start;
            for (Long ts : rows.keySet()) {
                if (ts - last >= spec.gap()) {
                    break;
                }
                last = ts;
            }
            long end = last + spec.gap();
            if (upTo != Long.MAX_VALUE && end - 1 > upTo) {
                break;
            }
            Map<Long, List<Object[]>> session = rows.headMap(last, true);
            for (List<Object[]> sameTime : session.values()) {
                for (Object[] row : sameTime) {
                    append(row, start, end);
                }
            }
            session.clear();
        }
        store(rows);
    }

    private List<Object> key(Object[] row) {
        Object[] key = new Object[spec.partitionKeys().size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = RetractableAccumulators.hashable(row[spec.partitionKeys().get(i)]);
        }
        return Arrays.asList(key);
    }

    private void append(Object[] row, long start, long end) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        int column = 0;
        for (Object value : row) {
            BatchValues.set(pending.getVector(column++), pendingRows, value);
        }
        BatchValues.set(pending.getVector(column++), pendingRows, start);
        BatchValues.set(pending.getVector(column++), pendingRows, end);
        if (spec.windowTime()) {
            BatchValues.set(pending.getVector(column), pendingRows, end - 1);
        }
        pendingRows++;
        if (pendingRows >= batchSize) {
            flush();
        }
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        batch.setRowCount(pendingRows);
        output.emit(batch);
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        backend.close();
    }

    /** Creates session-assigning operators. */
    public static final class SessionAssignOperatorFactory implements OperatorFactory {
        private final SessionAssignSpec spec;
        private final RowType inputType;

        public SessionAssignOperatorFactory(SessionAssignSpec spec, RowType inputType) {
            this.spec = spec;
            this.inputType = inputType;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new SessionAssignOperator(spec, inputType, context, output);
        }
    }
}
