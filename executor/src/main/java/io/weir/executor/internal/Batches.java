package io.weir.executor.internal;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
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

    /**
     * A new batch of {@code rowType} with rows {@code rows[0..count)} of {@code batch}, in that order.
     * Fixed-width and variable-width columns are copied buffer to buffer (the exchange splits every
     * batch this way, so Arrow's per-value {@code copyFromSafe} is too slow here); other columns
     * (booleans, lists, structs, maps) value by value.
     */
    public static VectorSchemaRoot gather(VectorSchemaRoot batch, RowType rowType, int[] rows, int count,
            BufferAllocator allocator) {
        VectorSchemaRoot part = allocate(rowType, allocator, count);
        try {
            gatherColumns(batch, part, rowType.size(), rows, count);
            part.setRowCount(count);
            return part;
        } catch (RuntimeException e) {
            part.close();
            throw e;
        }
    }

    /**
     * Writes rows {@code rows[0..count)} of {@code batch}'s first {@code columns} columns into the same
     * columns of {@code into} (allocated, empty, of the same column types), at rows 0..count; the row
     * count of {@code into} is the caller's to set.
     */
    public static void gatherColumns(VectorSchemaRoot batch, VectorSchemaRoot into, int columns, int[] rows, int count) {
        for (int column = 0; column < columns; column++) {
            FieldVector from = batch.getVector(column);
            FieldVector to = into.getVector(column);
            if (from instanceof BaseFixedWidthVector fixed && !(from instanceof BitVector)) {
                gatherFixed(fixed, (BaseFixedWidthVector) to, rows, count);
            } else if (from instanceof BaseVariableWidthVector variable) {
                gatherVariable(variable, (BaseVariableWidthVector) to, rows, count);
            } else {
                for (int i = 0; i < count; i++) {
                    to.copyFromSafe(rows[i], i, from);
                }
            }
        }
    }

    private static void gatherFixed(BaseFixedWidthVector from, BaseFixedWidthVector to, int[] rows, int count) {
        while (to.getValueCapacity() < count) {
            to.reAlloc();
        }
        int width = from.getTypeWidth();
        ArrowBuf fromData = from.getDataBuffer();
        ArrowBuf toData = to.getDataBuffer();
        ArrowBuf fromValidity = from.getValidityBuffer();
        ArrowBuf toValidity = to.getValidityBuffer();
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (BitVectorHelper.get(fromValidity, row) == 0) {
                continue;
            }
            BitVectorHelper.setBit(toValidity, i);
            if (width == 8) {
                toData.setLong((long) i * 8, fromData.getLong((long) row * 8));
            } else if (width == 4) {
                toData.setInt((long) i * 4, fromData.getInt((long) row * 4));
            } else {
                toData.setBytes((long) i * width, fromData, (long) row * width, width);
            }
        }
    }

    private static void gatherVariable(BaseVariableWidthVector from, BaseVariableWidthVector to, int[] rows,
            int count) {
        ArrowBuf fromOffsets = from.getOffsetBuffer();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            bytes += fromOffsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH)
                    - fromOffsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
        }
        to.clear();
        to.allocateNew(Math.max(bytes, 1), count);
        ArrowBuf fromData = from.getDataBuffer();
        ArrowBuf fromValidity = from.getValidityBuffer();
        ArrowBuf toData = to.getDataBuffer();
        ArrowBuf toOffsets = to.getOffsetBuffer();
        ArrowBuf toValidity = to.getValidityBuffer();
        int end = 0;
        toOffsets.setInt(0, 0);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (BitVectorHelper.get(fromValidity, row) != 0) {
                BitVectorHelper.setBit(toValidity, i);
                int start = fromOffsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
                int length = fromOffsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH) - start;
                toData.setBytes(end, fromData, start, length);
                end += length;
            }
            toOffsets.setInt((long) (i + 1) * BaseVariableWidthVector.OFFSET_WIDTH, end);
        }
        to.setLastSet(count - 1);
    }
}
