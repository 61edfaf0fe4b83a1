package io.weir.executor.operator;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An operator with no inputs that produces batches itself (a source, VALUES). The subtask calls
 * {@link #emitNext()} in a loop, checking for cancellation in between, then {@link #finish()}.
 */
public interface GeneratingOperator extends Operator {
    /** Emits at most about one batch; false once the input is exhausted. May pause briefly (~10 ms) when idle. */
    boolean emitNext();

    @Override
    default void process(int input, VectorSchemaRoot batch) {
        batch.close();
        throw new IllegalStateException("a generating operator has no inputs");
    }
}
