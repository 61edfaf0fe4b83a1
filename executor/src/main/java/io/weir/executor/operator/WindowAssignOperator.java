package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.WindowAssignSpec;
import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link WindowAssignSpec}: one output row per (input row, window of the row), the input's
 * columns (moved when each row has one window, else copied column by column) and the window columns
 * appended. Stateless; watermarks pass through unchanged.
 */
public final class WindowAssignOperator implements Operator {
    private final WindowAssignSpec spec;
    private final RowType outputType;
    private final int inputColumns;
    private final BufferAllocator allocator;
    private final Output output;
    private final long[] starts;
    private final long[] ends;
    // per output row of the batch being assigned: its input row and its window
    private int[] sourceRow = new int[0];
    private long[] windowStart = new long[0];
    private long[] windowEnd = new long[0];

    private WindowAssignOperator(WindowAssignSpec spec, TaskContext context, int inputColumns, Output output) {
        this.spec = spec;
        this.outputType = context.outputType();
        this.inputColumns = inputColumns;
        this.allocator = context.allocator();
        this.output = output;
        this.starts = new long[spec.maxWindowsPerRow()];
        this.ends = new long[spec.maxWindowsPerRow()];
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        VectorSchemaRoot result = null;
        try {
            int rows = batch.getRowCount();
            TimeStampVector times = (TimeStampVector) batch.getVector(spec.timeColumn());
            int capacity = rows * spec.maxWindowsPerRow();
            if (sourceRow.length < capacity) {
                sourceRow = new int[capacity];
                windowStart = new long[capacity];
                windowEnd = new long[capacity];
            }
            int out = 0;
            boolean onePerRow = true;
            for (int r = 0; r < rows; r++) {
                if (times.isNull(r)) {
                    onePerRow = false;
                    continue;
                }
                int windows = assign(spec, times.get(r), starts, ends);
                onePerRow &= windows == 1;
                for (int w = 0; w < windows; w++) {
                    sourceRow[out] = r;
                    windowStart[out] = starts[w];
                    windowEnd[out++] = ends[w];
                }
            }
            if (out == 0) {
                return;
            }
            result = onePerRow ? moveColumns(batch) : gatherColumns(batch, out);
            TimeStampVector start = (TimeStampVector) result.getVector(inputColumns);
            TimeStampVector end = (TimeStampVector) result.getVector(inputColumns + 1);
            TimeStampVector time = spec.windowTime() ? (TimeStampVector) result.getVector(inputColumns + 2) : null;
            for (int i = 0; i < out; i++) {
                start.setSafe(i, windowStart[i]);
                end.setSafe(i, windowEnd[i]);
                if (time != null) {
                    time.setSafe(i, windowEnd[i] - 1);
                }
            }
            result.setRowCount(out);
        } catch (RuntimeException e) {
            if (result != null) {
                result.close();
            }
            throw e;
        } finally {
            batch.close();
        }
        if (result != null) {
            output.emit(result);
        }
    }

    /**
     * One window per row and every row kept (a TUMBLE, mostly): the input's columns move into the
     * result without a copy, only the window columns are new.
     */
    private VectorSchemaRoot moveColumns(VectorSchemaRoot batch) {
        VectorSchemaRoot result = ArrowTypes.allocate(outputType, allocator);
        try {
            for (int c = 0; c < inputColumns; c++) {
                batch.getVector(c).makeTransferPair(result.getVector(c)).transfer();
            }
            for (int c = inputColumns; c < outputType.size(); c++) {
                FieldVector window = result.getVector(c);
                window.setInitialCapacity(batch.getRowCount());
                window.allocateNew();
            }
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** Rows in several windows (HOP, CUMULATE) or without a time: the input's rows copied once per window. */
    private VectorSchemaRoot gatherColumns(VectorSchemaRoot batch, int rows) {
        VectorSchemaRoot result = Batches.allocate(outputType, allocator, rows);
        try {
            Batches.gatherColumns(batch, result, inputColumns, sourceRow, rows);
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /**
     * Writes the windows of time {@code t} (epoch millis) into {@code starts}/{@code ends}, ordered by
     * start then end, and returns how many there are.
     */
    static int assign(WindowAssignSpec spec, long t, long[] starts, long[] ends) {
        return switch (spec.kind()) {
            case TUMBLE -> {
                starts[0] = t - Math.floorMod(t, spec.size());
                ends[0] = starts[0] + spec.size();
                yield 1;
            }
            case HOP -> {
                long last = t - Math.floorMod(t, spec.step());
                long first = last;
                while (first - spec.step() > t - spec.size()) {
                    first -= spec.step();
                }
                int count = 0;
                for (long s = first; s <= last; s += spec.step()) {
                    starts[count] = s;
                    ends[count++] = s + spec.size();
                }
                yield count;
            }
            case CUMULATE -> {
                long s = t - Math.floorMod(t, spec.size());
                int count = 0;
                for (long e = s + spec.step(); e <= s + spec.size(); e += spec.step()) {
                    if (t < e) {
                        starts[count] = s;
                        ends[count++] = e;
                    }
                }
                yield count;
            }
        };
    }

    @Override
    public void finish() {
        output.finish();
    }

    @Override
    public void close() {
    }

    /** Checks the spec against the input once per job. */
    public static final class WindowAssignOperatorFactory implements OperatorFactory {
        private final WindowAssignSpec spec;
        private final int inputColumns;

        public WindowAssignOperatorFactory(WindowAssignSpec spec, RowType inputType, RowType outputType) {
            this.spec = spec;
            this.inputColumns = inputType.size();
            TypeKind time = inputType.type(spec.timeColumn()).kind();
            int expected = inputType.size() + (spec.windowTime() ? 3 : 2);
            if ((time != TypeKind.TIMESTAMP && time != TypeKind.TIMESTAMP_LTZ) || outputType.size() != expected) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: " + spec.describe() + " over "
                        + inputType + " cannot produce " + outputType);
            }
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new WindowAssignOperator(spec, context, inputColumns, output);
        }
    }
}
