package io.weir.executor.operator;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.codegen.CurrentWatermark;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.CalcSpec;
import io.weir.spi.type.RowType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Filters and projects batches with a {@link CalcProgram} compiled from the spec's expressions: one
 * call per batch, a primitive loop over typed vectors inside.
 */
public final class CalcOperator implements Operator {
    private final CalcProgram program;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final Output output;
    private long watermark = Long.MIN_VALUE;

    private CalcOperator(CalcProgram program, RowType outputType, BufferAllocator allocator, Output output) {
        this.program = program;
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

        public CalcOperatorFactory(CalcSpec spec, RowType inputType, RowType outputType) {
            this.programClass = CalcCompiler.compile(inputType, spec.projections(), spec.condition(), outputType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new CalcOperator(CalcCompiler.instantiate(programClass), context.outputType(), context.allocator(),
                    output);
        }
    }
}
