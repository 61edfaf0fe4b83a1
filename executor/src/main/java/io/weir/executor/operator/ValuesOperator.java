package io.weir.executor.operator;

import io.weir.executor.plan.ValuesSpec;
import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.type.RowType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Emits a {@link ValuesSpec}'s rows from subtask 0 (the other subtasks emit nothing), then ends. */
public final class ValuesOperator implements GeneratingOperator {
    private final List<List<Object>> rows;
    private final RowType rowType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private int next;

    private ValuesOperator(List<List<Object>> rows, TaskContext context, Output output) {
        this.rows = context.subtaskIndex() == 0 ? rows : List.of();
        this.rowType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = context.batchSize();
        this.output = output;
    }

    @Override
    public boolean emitNext() {
        if (next >= rows.size()) {
            return false;
        }
        VectorSchemaRoot root = ArrowTypes.allocate(rowType, allocator);
        try {
            BatchBuilder builder = new BatchBuilder(root, batchSize);
            while (next < rows.size() && !builder.isFull()) {
                builder.append(rows.get(next++).toArray());
            }
            builder.finish();
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
        output.emit(root);
        return next < rows.size();
    }

    @Override
    public void finish() {
        output.finish();
    }

    @Override
    public void close() {
    }

    /** Creates values operators. */
    public static final class ValuesOperatorFactory implements OperatorFactory {
        private final ValuesSpec spec;

        public ValuesOperatorFactory(ValuesSpec spec) {
            this.spec = spec;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new ValuesOperator(spec.rows(), context, output);
        }
    }
}
