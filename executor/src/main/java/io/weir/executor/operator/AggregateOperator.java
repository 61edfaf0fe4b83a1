package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.Accumulators.Accumulator;
import io.weir.executor.operator.Accumulators.Category;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.AggregateMode;
import io.weir.executor.plan.AggregateSpec;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hash aggregation over bounded input: groups rows by their encoded keys ({@link GroupTable}),
 * accumulates each call column-wise, and emits one row per group when the input ends.
 *
 * <p>Modes (see {@link AggregateMode}): SINGLE and PARTIAL read call arguments from the input columns
 * the calls name; PARTIAL emits accumulators (COUNT → BIGINT, SUM/SUM0/MIN/MAX → the value, AVG → sum
 * and count). FINAL ignores the calls' arguments and reads the accumulators from the columns after the
 * group keys, in call order (AVG taking two), merging them: counts are summed, sums summed, MIN/MAX
 * re-applied, AVG = sum of sums / sum of counts at the result type. DISTINCT works in SINGLE mode.
 */
public final class AggregateOperator implements Operator {
    private final GroupTable groups;
    private final List<CallState> calls;
    private final boolean global;
    private final AggregateMode mode;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private int[] groupIds = new int[0];

    private AggregateOperator(AggregateSpec spec, RowType inputType, TaskContext context, Output output) {
        int[] keys = spec.groupKeys().stream().mapToInt(Integer::intValue).toArray();
        this.groups = new GroupTable(keys);
        this.global = keys.length == 0;
        this.mode = spec.mode();
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = context.batchSize();
        this.output = output;
        this.calls = new ArrayList<>();
        int finalColumn = keys.length;
        for (AggregateCall call : spec.calls()) {
            CallState state = spec.mode() == AggregateMode.FINAL ? merging(call, inputType, finalColumn)
                    : accumulating(call, inputType);
            calls.add(state);
            finalColumn += call.function() == AggregateFunction.AVG ? 2 : 1;
        }
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            accumulate(batch, null);
        } finally {
            batch.close();
        }
    }

    /**
     * Adds the rows of {@code batch} with {@code rowMask[r]} (null: all of them) to their groups; the
     * batch stays the caller's. A window aggregate passes the rows of one window this way instead of
     * copying them into a batch of their own.
     */
    void accumulate(VectorSchemaRoot batch, boolean[] rowMask) {
        int rows = batch.getRowCount();
        if (groupIds.length < rows) {
            groupIds = new int[rows];
        }
        groups.lookup(batch, null, groupIds, null, rowMask);
        int count = groups.groupCount();
        for (CallState call : calls) {
            call.add(batch, groupIds, rows, count, rowMask);
        }
    }

    @Override
    public void finish() {
        emitGroups(output);
        output.finish();
    }

    /**
     * Emits one row per group to {@code target}: the keys, then each call's value (its accumulator in
     * PARTIAL mode). The groups stay, so a sliced window aggregate emits a slice once per window of it.
     */
    void emitGroups(Output target) {
        if (global && mode != AggregateMode.PARTIAL) {
            groups.ensureEmptyKeyGroup();
            for (CallState call : calls) {
                call.grow(1);
            }
        }
        int total = groups.groupCount();
        int keyCount = outputType.size() - calls.stream().mapToInt(CallState::width).sum();
        for (int start = 0; start < total; start += batchSize) {
            int rows = Math.min(batchSize, total - start);
            VectorSchemaRoot out = Batches.allocate(outputType, allocator, rows);
            try {
                for (int row = 0; row < rows; row++) {
                    int group = start + row;
                    groups.writeKey(group, out, row);
                    int column = keyCount;
                    for (CallState call : calls) {
                        call.write(group, out, column, row);
                        column += call.width();
                    }
                }
                out.setRowCount(rows);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            target.emit(out);
        }
    }

    @Override
    public void close() {
    }

    // ---- per call

    private CallState accumulating(AggregateCall call, RowType inputType) {
        List<Integer> args = call.arguments();
        int arg = args.isEmpty() ? -1 : args.get(0);
        DataType argType = arg < 0 ? null : inputType.type(arg);
        Accumulator accumulator = switch (call.function()) {
            case COUNT -> new Accumulators.Count(arg);
            case SUM, SUM0 -> sum(arg, argType, call.function() == AggregateFunction.SUM0);
            case MIN, MAX -> new Accumulators.MinMax(arg, Category.of(argType), call.function() == AggregateFunction.MAX);
            case AVG -> null;
        };
        DistinctFilter distinct = call.distinct() && !args.isEmpty() ? new DistinctFilter(args) : null;
        if (call.function() == AggregateFunction.AVG) {
            return new Avg(call, sum(arg, argType, true), new Accumulators.Count(arg), distinct, mode);
        }
        return new Single(call, accumulator, distinct);
    }

    private CallState merging(AggregateCall call, RowType inputType, int column) {
        if (call.distinct()) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR,
                    "internal error: DISTINCT aggregates cannot be split into PARTIAL and FINAL; plan them in SINGLE mode");
        }
        DataType type = inputType.type(column);
        return switch (call.function()) {
            case COUNT -> new Single(call, new Accumulators.LongSum(column, true), null);
            case SUM, SUM0 -> new Single(call, sum(column, type, call.function() == AggregateFunction.SUM0), null);
            case MIN, MAX -> new Single(call, new Accumulators.MinMax(column, Category.of(type),
                    call.function() == AggregateFunction.MAX), null);
            case AVG -> new Avg(call, sum(column, type, true), new Accumulators.LongSum(column + 1, true), null, mode);
        };
    }

    private static Accumulator sum(int column, DataType type, boolean zeroIfEmpty) {
        return switch (Category.of(type)) {
            case LONG -> new Accumulators.LongSum(column, zeroIfEmpty);
            case DOUBLE -> new Accumulators.DoubleSum(column, zeroIfEmpty);
            case DECIMAL -> new Accumulators.DecimalSum(column, type.scale(), zeroIfEmpty);
            case BYTES -> throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "Cannot sum values of type " + type);
        };
    }

    /** One call's state: accumulates rows and writes its output column(s). */
    private abstract static class CallState {
        final DistinctFilter distinct;
        private boolean[] selected = new boolean[0];

        CallState(DistinctFilter distinct) {
            this.distinct = distinct;
        }

        abstract int width();

        abstract void grow(int groups);

        abstract void accumulate(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected);

        abstract void write(int group, VectorSchemaRoot out, int column, int row);

        /** Accumulates the rows with {@code rowMask[r]} (null: all); a DISTINCT call only those first seen. */
        void add(VectorSchemaRoot batch, int[] groupIds, int rows, int groupCount, boolean[] rowMask) {
            grow(groupCount);
            boolean[] mask = rowMask;
            if (distinct != null) {
                if (selected.length < rows) {
                    selected = new boolean[rows];
                }
                distinct.select(batch, groupIds, selected, rowMask);
                mask = selected;
            }
            accumulate(batch, groupIds, rows, mask);
        }
    }

    /** A call with one accumulator and one output column. */
    private static final class Single extends CallState {
        private final Accumulator accumulator;

        Single(AggregateCall call, Accumulator accumulator, DistinctFilter distinct) {
            super(distinct);
            this.accumulator = accumulator;
        }

        @Override
        int width() {
            return 1;
        }

        @Override
        void grow(int groups) {
            accumulator.grow(groups);
        }

        @Override
        void accumulate(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            accumulator.add(batch, groupIds, rows, selected);
        }

        @Override
        void write(int group, VectorSchemaRoot out, int column, int row) {
            Accumulators.write(out.getVector(column), row, accumulator.value(group));
        }
    }

    /** AVG: a sum and a count; PARTIAL emits both, the others divide at the result type. */
    private static final class Avg extends CallState {
        private final DataType resultType;
        private final Accumulator sum;
        private final Accumulator count;
        private final boolean partial;

        Avg(AggregateCall call, Accumulator sum, Accumulator count, DistinctFilter distinct, AggregateMode mode) {
            super(distinct);
            this.resultType = call.resultType();
            this.sum = sum;
            this.count = count;
            this.partial = mode == AggregateMode.PARTIAL;
        }

        @Override
        int width() {
            return partial ? 2 : 1;
        }

        @Override
        void grow(int groups) {
            sum.grow(groups);
            count.grow(groups);
        }

        @Override
        void accumulate(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            sum.add(batch, groupIds, rows, selected);
            count.add(batch, groupIds, rows, selected);
        }

        @Override
        void write(int group, VectorSchemaRoot out, int column, int row) {
            Object total = sum.value(group);
            long n = ((Number) count.value(group)).longValue();
            if (partial) {
                Accumulators.write(out.getVector(column), row, total);
                Accumulators.write(out.getVector(column + 1), row, n);
                return;
            }
            FieldVector vector = out.getVector(column);
            if (n == 0 || total == null) {
                vector.setNull(row);
                return;
            }
            Object average = switch (resultType.kind()) {
                case FLOAT, DOUBLE -> ((Number) total).doubleValue() / n;
                case DECIMAL -> toDecimal(total).divide(BigDecimal.valueOf(n), resultType.scale(), RoundingMode.HALF_UP);
                default -> total instanceof Long l ? l / n : (long) (((Number) total).doubleValue() / n);
            };
            Accumulators.write(vector, row, average);
        }

        private static BigDecimal toDecimal(Object value) {
            return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        }
    }

    /** For DISTINCT calls: selects the rows whose (group, arguments) were not seen before. */
    private static final class DistinctFilter {
        private final GroupTable seen;
        private int[] ids = new int[0];

        DistinctFilter(List<Integer> arguments) {
            this.seen = new GroupTable(arguments.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Sets {@code selected[r]} for the rows of {@code rowMask} (null: all) whose (group, arguments) are new. */
        void select(VectorSchemaRoot batch, int[] groupIds, boolean[] selected, boolean[] rowMask) {
            int rows = batch.getRowCount();
            if (ids.length < rows) {
                ids = new int[rows];
            }
            seen.lookup(batch, groupIds, ids, selected, rowMask);
        }
    }

    /** Checks the spec against the input once per job; each subtask gets its own hash table. */
    public static final class AggregateOperatorFactory implements OperatorFactory {
        private final AggregateSpec spec;
        private final RowType inputType;

        public AggregateOperatorFactory(AggregateSpec spec, RowType inputType, RowType outputType) {
            this.spec = spec;
            this.inputType = inputType;
            int width = spec.groupKeys().size();
            for (AggregateCall call : spec.calls()) {
                width += spec.mode() == AggregateMode.PARTIAL && call.function() == AggregateFunction.AVG ? 2 : 1;
            }
            if (width != outputType.size()) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: " + spec.describe() + " produces "
                        + width + " columns but its vertex declares " + outputType);
            }
            for (int i = 0; i < spec.groupKeys().size(); i++) {
                TypeKind in = inputType.type(spec.groupKeys().get(i)).kind();
                TypeKind out = outputType.type(i).kind();
                if (in != out && !(in.isCharacter() && out.isCharacter())) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: group key " + i + " is " + in
                            + " in the input but " + out + " in the output of " + spec.describe());
                }
            }
        }

        @Override
        public AggregateOperator create(TaskContext context, Output output) {
            return new AggregateOperator(spec, inputType, context, output);
        }
    }
}
