package io.weir.executor.codegen;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A compiled {@code CalcSpec}: filters and projects one batch. Generated per expression list by
 * {@link CalcCompiler}; an instance is used by one thread only (it keeps the current vectors in fields).
 */
public interface CalcProgram {
    /**
     * Evaluates rows [0, in.getRowCount()) and writes the kept rows' projections to {@code out}, whose
     * vectors have room for at least as many rows as {@code in} has (variable-width ones grow).
     *
     * @return the number of rows written; the caller sets the row count
     */
    int evaluate(VectorSchemaRoot in, VectorSchemaRoot out);
}
