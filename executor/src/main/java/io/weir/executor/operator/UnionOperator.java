package io.weir.executor.operator;

import org.apache.arrow.vector.VectorSchemaRoot;

/** UNION ALL: passes every input's batches through unchanged, in arrival order. */
public final class UnionOperator implements Operator {
    private final Output output;

    private UnionOperator(Output output) {
        this.output = output;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        output.emit(batch);
    }

    @Override
    public void finish() {
        output.finish();
    }

    @Override
    public void close() {
    }

    /** Creates union operators. */
    public static final class UnionOperatorFactory implements OperatorFactory {
        @Override
        public Operator create(TaskContext context, Output output) {
            return new UnionOperator(output);
        }
    }
}
