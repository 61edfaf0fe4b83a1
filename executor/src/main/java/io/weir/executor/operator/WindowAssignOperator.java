package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.WindowAssignSpec;
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
 * columns copied and the window columns appended. Stateless; watermarks pass through unchanged.
 */
public final class WindowAssignOperator implements Operator {
    private final WindowAssignSpec spec;
    private final RowType outputType;
    private final int inputColumns;
    private final BufferAllocator allocator;
    private final Output output;
    private final long[] starts;
    private final long[] ends;

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
            result = Batches.allocate(outputType, allocator, rows * spec.maxWindowsPerRow());
            TimeStampVector start = (TimeStampVector) result.getVector(inputColumns);
            TimeStampVector end = (TimeStampVector) result.getVector(inputColumns + 1);
            TimeStampVector time = spec.windowTime() ? (TimeStampVector) result.getVector(inputColumns + 2) : null;
            int out = 0;
            for (int r = 0; r < rows; r++) {
                if (times.isNull(r)) {
                    continue;
                }
                int windows = assign(spec, times.get(r), starts, ends);
                for (int w = 0; w < windows; w++) {
                    for (int c = 0; c < inputColumns; c++) {
                        result.getVector(c).copyFromSafe(r, out, batch.getVector(c));
                    }
                    start.setSafe(out, starts[w]);
                    end.setSafe(out, ends[w]);
                    if (time != null) {
                        time.setSafe(out, ends[w] - 1);
                    }
                    out++;
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
        if (result.getRowCount() == 0) {
            result.close();
            return;
        }
        output.emit(result);
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
