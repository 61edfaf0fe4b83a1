package io.weir.executor.operator;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.codegen.CurrentWatermark;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.Expr;
import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.type.RowType;
import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Filters and projects batches with a {@link CalcProgram} compiled from the spec's expressions: one
 * call per batch, a primitive loop over typed vectors inside.
 */
public final class CalcOperator implements Operator {
    private final CalcProgram program;
    /** For a Calc that only selects columns, each distinct and of its output type: the input column of each output. */
    private final int[] selectedColumns;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final Output output;
    private long watermark = Long.MIN_VALUE;

    private CalcOperator(CalcProgram program, int[] selectedColumns, RowType outputType, BufferAllocator allocator,
            Output output) {
        this.program = program;
        this.selectedColumns = selectedColumns;
        this.outputType = outputType;
        this.allocator = allocator;
        this.output = output;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        VectorSchemaRoot result;
        try {
            int rows = batch.getRowCount();
            if (rows == 0) {
                return;
            }
            if (selectedColumns != null) {
                output.emit(moveColumns(batch));
                return;
            }
            result = Batches.allocate(outputType, allocator, rows);
            try {
                CurrentWatermark.set(watermark);
                result.setRowCount(program.evaluate(batch, result));
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        } finally {
            batch.close();
        }
        if (result.getRowCount() == 0) {
            result.close();
            return;
        }
        output.emit(result);
    }

    /** The selected columns' buffers move into the result: a projection that drops or reorders columns copies nothing. */
    private VectorSchemaRoot moveColumns(VectorSchemaRoot batch) {
        VectorSchemaRoot result = ArrowTypes.allocate(outputType, allocator);
        try {
            for (int c = 0; c < selectedColumns.length; c++) {
                batch.getVector(selectedColumns[c]).makeTransferPair(result.getVector(c)).transfer();
            }
            result.setRowCount(batch.getRowCount());
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** Remembers the watermark for {@code CURRENT_WATERMARK}, then lets it pass. */
    @Override
    public boolean processWatermark(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        return true;
    }

    @Override
    public void finish() {
        output.finish();
    }

    @Override
    public void close() {
    }

    /** Compiles the expressions once per job (cached across jobs); each subtask gets its own program instance. */
    public static final class CalcOperatorFactory implements OperatorFactory {
        private final Class<? extends CalcProgram> programClass;
        private final int[] selectedColumns;

        public CalcOperatorFactory(CalcSpec spec, RowType inputType, RowType outputType) {
            this.programClass = CalcCompiler.compile(inputType, spec.projections(), spec.condition(), outputType);
            this.selectedColumns = selectedColumns(spec, inputType, outputType);
        }

        /** The input columns the Calc selects, when it does nothing else (no filter, no column twice, no cast); else null. */
        private static int[] selectedColumns(CalcSpec spec, RowType inputType, RowType outputType) {
            if (spec.condition() != null || spec.projections().size() != outputType.size()) {
                return null;
            }
            int[] columns = new int[outputType.size()];
            Set<Integer> seen = new HashSet<>();
            for (int c = 0; c < columns.length; c++) {
                if (!(spec.projections().get(c) instanceof Expr.InputRef ref) || !seen.add(ref.index())
                        || !inputType.type(ref.index()).withNullable(true).equals(outputType.type(c).withNullable(true))) {
                    return null;
                }
                columns[c] = ref.index();
            }
            return columns;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new CalcOperator(CalcCompiler.instantiate(programClass), selectedColumns, context.outputType(),
                    context.allocator(), output);
        }
    }
}
