package io.weir.spi.batch;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Fills one batch (an Arrow {@link VectorSchemaRoot} owned by the executor) row by row, up to a
 * capacity. Sources write through it; the executor hands it out empty and takes the batch back
 * with {@link #finish()}.
 *
 * <p>Not thread-safe: one reader fills one builder.
 */
public final class BatchBuilder {
    private final VectorSchemaRoot root;
    private final int capacity;
    private int rows;

    public BatchBuilder(VectorSchemaRoot root, int capacity) {
        this.root = requireNonNull(root, "root is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public int rowCount() {
        return rows;
    }

    public boolean isFull() {
        return rows >= capacity;
    }

    public int columnCount() {
        return root.getFieldVectors().size();
    }

    /** Direct access for fast writers; they call {@link #commitRows(int)} after writing rows [rowCount, n). */
    public FieldVector vector(int column) {
        return root.getVector(column);
    }

    /** Appends one row of Java values (see {@code TypeKind} for the convention). */
    public void append(Object[] values) {
        if (isFull()) {
            throw new IllegalStateException("batch is full (" + capacity + " rows)");
        }
        for (int column = 0; column < values.length; column++) {
            BatchValues.set(root.getVector(column), rows, values[column]);
        }
        rows++;
    }

    /** Declares that {@code count} rows were written directly into the vectors after the current ones. */
    public void commitRows(int count) {
        rows += count;
    }

    /** Sets the row count on the batch and returns it; the builder must not be used afterwards. */
    public VectorSchemaRoot finish() {
        root.setRowCount(rows);
        return root;
    }
}
