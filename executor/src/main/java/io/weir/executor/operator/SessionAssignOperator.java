package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link SessionAssignSpec}: keeps each partition's waiting rows ordered by time, and at each
 * watermark (and at the end of input) walks them session by session, emitting every session that can
 * no longer grow with its bounds appended. Rows are held as value arrays; sessions are closed in time
 * order, so the walk stops at the first open one.
 */
public final class SessionAssignOperator implements Operator, CheckpointedOperator {
    private final SessionAssignSpec spec;
    private final RowType inputType;
    private final RowType outputType;
    private final RowType keyTypes;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private final Map<List<Object>, TreeMap<Long, List<Object[]>>> partitions = new HashMap<>();
    private long watermark = Long.MIN_VALUE;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private SessionAssignOperator(SessionAssignSpec spec, RowType inputType, TaskContext context, Output output) {
        this.spec = spec;
        this.inputType = inputType;
        this.outputType = context.outputType();
        this.keyTypes = KeyGroupCut.keyTypes(inputType, spec.partitionKeys());
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.lateRows = context.lateRowsDropped();
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int columns = inputType.size();
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
                TreeMap<Long, List<Object[]>> rows = partitions.computeIfAbsent(key(values), k -> new TreeMap<>());
                if (ts + spec.gap() - 1 <= watermark && !touchesWaitingRow(rows, ts)) {
                    lateRows.increment();
                    continue;
                }
                rows.computeIfAbsent(ts, k -> new ArrayList<>()).add(values);
            }
        } finally {
            batch.close();
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

    /** The waiting rows of every partition, and the watermark. */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return KeyGroupCut.withWatermark(KeyGroupCut.cut(partitions, keyTypes, allocator), watermark);
    }

    /** Every former subtask's watermark comes back (they are equal at a barrier): the operator keeps the highest. */
    @Override
    public boolean sharesOperatorState() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        for (byte[] bytes : keyedState.values()) {
            partitions.putAll((Map<List<Object>, TreeMap<Long, List<Object[]>>>) OperatorState.deserialize(bytes));
        }
        for (byte[] bytes : operatorState) {
            Object stored = OperatorState.deserialize(bytes);
            if (stored instanceof Object[] old) {
                // a checkpoint taken before state was cut by key group
                partitions.putAll((Map<List<Object>, TreeMap<Long, List<Object[]>>>) old[0]);
                stored = old[1];
            }
            watermark = Math.max(watermark, (Long) stored);
        }
    }

    @Override
    public void finish() {
        emitClosed(Long.MAX_VALUE);
        output.finish();
    }

    /** Emits, per partition, the sessions whose {@code window_end - 1} is at most {@code upTo}. */
    private void emitClosed(long upTo) {
        Iterator<TreeMap<Long, List<Object[]>>> all = partitions.values().iterator();
        while (all.hasNext()) {
            TreeMap<Long, List<Object[]>> rows = all.next();
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
            if (rows.isEmpty()) {
                all.remove();
            }
        }
        flush();
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
        partitions.clear();
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
