package io.weir.executor.internal;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/** Small helpers over Arrow batches shared by the runtime and the operators. */
public final class Batches {
    private Batches() {
    }

    /** An empty batch of {@code rowType} with room for {@code capacity} rows (variable-width columns grow). */
    public static VectorSchemaRoot allocate(RowType rowType, BufferAllocator allocator, int capacity) {
        VectorSchemaRoot root = ArrowTypes.allocate(rowType, allocator);
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(Math.max(capacity, 1));
                vector.allocateNew();
            }
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
        return root;
    }

    /** Rows [start, start + length) of {@code batch} as a new batch sharing its buffers; {@code batch} stays valid. */
    public static VectorSchemaRoot slice(VectorSchemaRoot batch, int start, int length, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
        try {
            for (FieldVector vector : batch.getFieldVectors()) {
                TransferPair pair = vector.getTransferPair(allocator);
                pair.splitAndTransfer(start, length);
                vectors.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot slice = new VectorSchemaRoot(vectors);
        slice.setRowCount(length);
        return slice;
    }

    /** A second batch with the same rows (sharing buffers, which are reference counted). */
    public static VectorSchemaRoot copy(VectorSchemaRoot batch, BufferAllocator allocator) {
        return slice(batch, 0, batch.getRowCount(), allocator);
    }
}
