package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * ORDER BY with OFFSET/FETCH over bounded input: buffers every batch, sorts row references by the keys
 * (NULLS FIRST/LAST per key) when the input ends, and emits rows [offset, offset + fetch).
 *
 * <p>Without keys it is a streaming LIMIT: rows pass through as they come, and once
 * {@code offset + fetch} rows have passed it ends its output and reports {@link #isFinished()}, which
 * makes LIMIT work over unbounded input.
 */
public final class SortOperator implements Operator {
    private final SortSpec spec;
    private final RowType rowType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final List<VectorSchemaRoot> buffered = new ArrayList<>();
    private long skipped;
    private long emitted;
    private boolean finished;

    private SortOperator(SortSpec spec, TaskContext context, Output output) {
        this.spec = spec;
        this.rowType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = context.batchSize();
        this.output = output;
        if (spec.keys().isEmpty() && spec.fetch() == 0) {
            finished = true;
            output.finish();
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        if (finished) {
            batch.close();
            return;
        }
        if (!spec.keys().isEmpty()) {
            buffered.add(batch);
            return;
        }
        passThrough(batch);
    }

    private void passThrough(VectorSchemaRoot batch) {
        VectorSchemaRoot part;
        try {
            int rows = batch.getRowCount();
            int start = (int) Math.min(rows, Math.max(0, spec.offset() - skipped));
            skipped += start;
            long room = spec.fetch() < 0 ? Long.MAX_VALUE : spec.fetch() - emitted;
            int take = (int) Math.min(rows - start, room);
            emitted += take;
            if (take <= 0) {
                part = null;
            } else if (start == 0 && take == rows) {
                part = batch;
                batch = null;
            } else {
                part = Batches.slice(batch, start, take, allocator);
            }
        } finally {
            if (batch != null) {
                batch.close();
            }
        }
        if (part != null) {
            output.emit(part);
        }
        if (spec.fetch() >= 0 && emitted >= spec.fetch()) {
            finished = true;
            output.finish();
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        if (!spec.keys().isEmpty()) {
            emitSorted();
        }
        finished = true;
        output.finish();
    }

    private void emitSorted() {
        int total = 0;
        for (VectorSchemaRoot batch : buffered) {
            total += batch.getRowCount();
        }
        int[] batchOf = new int[total];
        int[] rowOf = new int[total];
        Object[][] keys = new Object[spec.keys().size()][total];
        int index = 0;
        for (int b = 0; b < buffered.size(); b++) {
            VectorSchemaRoot batch = buffered.get(b);
            for (int r = 0; r < batch.getRowCount(); r++) {
                batchOf[index] = b;
                rowOf[index] = r;
                for (int k = 0; k < keys.length; k++) {
                    keys[k][index] = BatchValues.get(batch.getVector(spec.keys().get(k).field()), r);
                }
                index++;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, comparator(keys));
        long from = Math.min(total, Math.max(0, spec.offset()));
        long to = spec.fetch() < 0 ? total : Math.min(total, from + spec.fetch());
        for (long start = from; start < to; start += batchSize) {
            int rows = (int) Math.min(batchSize, to - start);
            VectorSchemaRoot out = Batches.allocate(rowType, allocator, rows);
            try {
                for (int column = 0; column < rowType.size(); column++) {
                    FieldVector target = out.getVector(column);
                    for (int row = 0; row < rows; row++) {
                        int source = order[(int) start + row];
                        target.copyFromSafe(rowOf[source], row, buffered.get(batchOf[source]).getVector(column));
                    }
                }
                out.setRowCount(rows);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            output.emit(out);
        }
        releaseBuffered();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<Integer> comparator(Object[][] keys) {
        List<SortKey> sortKeys = spec.keys();
        return (a, b) -> {
            for (int k = 0; k < keys.length; k++) {
                Object x = keys[k][a];
                Object y = keys[k][b];
                SortKey key = sortKeys.get(k);
                int result;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    // nulls are placed by nullsFirst regardless of the direction
                    return (x == null) == key.nullsFirst() ? -1 : 1;
                } else if (x instanceof byte[] bx) {
                    result = Arrays.compareUnsigned(bx, (byte[]) y);
                } else {
                    result = ((Comparable) x).compareTo(y);
                }
                if (result != 0) {
                    return key.descending() ? -result : result;
                }
            }
            return 0;
        };
    }

    private void releaseBuffered() {
        for (VectorSchemaRoot batch : buffered) {
            batch.close();
        }
        buffered.clear();
    }

    @Override
    public void close() {
        releaseBuffered();
    }

    /** Creates sort operators. */
    public static final class SortOperatorFactory implements OperatorFactory {
        private final SortSpec spec;

        public SortOperatorFactory(SortSpec spec) {
            this.spec = spec;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new SortOperator(spec, context, output);
        }
    }
}
