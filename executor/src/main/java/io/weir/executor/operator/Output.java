package io.weir.executor.operator;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Where an operator sends its batches: the next operator of its chain, or an exchange. */
public interface Output {
    /** Hands {@code batch} on; it then belongs to the receiver. May block (back-pressure). */
    void emit(VectorSchemaRoot batch);

    /** No more batches will follow. Called at most once. */
    void finish();
}
