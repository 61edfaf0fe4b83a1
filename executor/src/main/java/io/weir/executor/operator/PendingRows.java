package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Output rows of an operator that emits row by row from Java values: gathered into a batch of the
 * output type, emitted when it is full or on {@link #flush}. Subtask thread only; {@link #close}
 * releases a batch that was never emitted.
 */
final class PendingRows implements AutoCloseable {
    private final RowType type;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private VectorSchemaRoot pending;
    private int rows;

    PendingRows(TaskContext context, Output output) {
        this.type = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
    }

    /** The batch the next row goes into, at {@link #row()}; call {@link #added()} after writing it. */
    VectorSchemaRoot batch() {
        if (pending == null) {
            pending = Batches.allocate(type, allocator, batchSize);
            rows = 0;
        }
        return pending;
    }

    int row() {
        return rows;
    }

    void added() {
        rows++;
        if (rows >= batchSize) {
            flush();
        }
    }

    /** Appends one row of plain values (ByteBuffers become bytes). */
    void append(Object[] values) {
        VectorSchemaRoot batch = batch();
        for (int c = 0; c < values.length; c++) {
            BatchValues.set(batch.getVector(c), rows, JoinCondition.plain(values[c]));
        }
        added();
    }

    void flush() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        batch.setRowCount(rows);
        output.emit(batch);
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }
}
