package io.weir.executor.operator;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.codegen.CurrentWatermark;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.Expr;
import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Filters and projects batches with a {@link CalcProgram} compiled from the spec's expressions: one
 * call per batch, a primitive loop over typed vectors inside.
 */
public final class CalcOperator implements Operator {
    private final CalcProgram program;
    /**
     * Without a filter: for each output column the input column whose buffers move into it (a plain
     * reference, each input column once, of the output's type), or -1 where {@link #program} computes it;
     * null when the Calc filters (then the program writes every column).
     */
    private final int[] movedColumns;
    private final RowType outputType;
    /** What {@link #program} writes: the output, or only its computed columns when others move. */
    private final RowType programType;
    private final BufferAllocator allocator;
    private final Output output;
    private long watermark = Long.MIN_VALUE;

    private CalcOperator(CalcOperatorFactory factory, RowType outputType, BufferAllocator allocator, Output output) {
        this.program = CalcCompiler.instantiate(factory.programClass);
        this.movedColumns = factory.movedColumns;
        this.programType = factory.programType;
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
            result = Batches.allocate(programType, allocator, rows);
            try {
                CurrentWatermark.set(watermark);
                result.setRowCount(program.evaluate(batch, result));
                if (movedColumns != null) {
                    result = withMovedColumns(batch, result);
                }
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

    /**
     * The output batch: the moved columns' buffers from {@code batch}, the computed ones from
     * {@code computed} (closed here), so that a projection copies no column it passes on unchanged.
     */
    private VectorSchemaRoot withMovedColumns(VectorSchemaRoot batch, VectorSchemaRoot computed) {
        VectorSchemaRoot result = ArrowTypes.allocate(outputType, allocator);
        try (computed) {
            int next = 0;
            for (int c = 0; c < movedColumns.length; c++) {
                FieldVector from = movedColumns[c] >= 0 ? batch.getVector(movedColumns[c]) : computed.getVector(next++);
                from.makeTransferPair(result.getVector(c)).transfer();
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
        private final int[] movedColumns;
        private final RowType programType;

        public CalcOperatorFactory(CalcSpec spec, RowType inputType, RowType outputType) {
            this.movedColumns = movedColumns(spec, inputType, outputType);
            if (movedColumns == null) {
                this.programType = outputType;
                this.programClass = CalcCompiler.compile(inputType, spec.projections(), spec.condition(), outputType);
            } else {
                List<Expr> computed = new ArrayList<>();
                List<Field> computedFields = new ArrayList<>();
                for (int c = 0; c < movedColumns.length; c++) {
                    if (movedColumns[c] < 0) {
                        computed.add(spec.projections().get(c));
                        computedFields.add(outputType.field(c));
                    }
                }
                this.programType = new RowType(computedFields);
                this.programClass = CalcCompiler.compile(inputType, computed, null, programType);
            }
        }

        /** Which output columns move from which input column (see {@link CalcOperator#movedColumns}); null with a filter. */
        private static int[] movedColumns(CalcSpec spec, RowType inputType, RowType outputType) {
            if (spec.condition() != null) {
                return null;
            }
            int[] columns = new int[outputType.size()];
            Set<Integer> seen = new HashSet<>();
            for (int c = 0; c < columns.length; c++) {
                columns[c] = spec.projections().get(c) instanceof Expr.InputRef ref && seen.add(ref.index())
                        && inputType.type(ref.index()).withNullable(true).equals(outputType.type(c).withNullable(true))
                        ? ref.index() : -1;
            }
            return columns;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new CalcOperator(this, context.outputType(), context.allocator(), output);
        }
    }
}
