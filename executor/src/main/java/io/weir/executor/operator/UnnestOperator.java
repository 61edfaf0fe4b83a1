package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.UnnestSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs an {@link UnnestSpec}: a correlated table function that turns each input row into 0..n output
 * rows, one per element of its collections. The kept columns (and a changelog's row kind) are copied
 * vector to vector; the unnested values go through {@link BatchValues}. Stateless: nothing to
 * checkpoint, rows are emitted as their input batch is processed.
 */
public final class UnnestOperator implements Operator {
    private final UnnestSpec spec;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final boolean changelog;
    private final DataType[] collectionTypes;
    private final int unnestedColumns;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private UnnestOperator(UnnestSpec spec, RowType inputType, TaskContext context, Output output) {
        this.spec = spec;
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.changelog = RowKind.isChangelog(inputType);
        this.collectionTypes = spec.collections().stream().map(inputType::type).toArray(DataType[]::new);
        int width = 0;
        for (DataType type : collectionTypes) {
            width += UnnestSpec.width(type);
        }
        this.unnestedColumns = width;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int rows = batch.getRowCount();
            int rowKindColumn = batch.getFieldVectors().size() - 1;
            for (int row = 0; row < rows; row++) {
                List<List<?>> elements = elements(batch, row);
                int length = 0;
                for (List<?> list : elements) {
                    length = Math.max(length, list.size());
                }
                for (int i = 0; i < length; i++) {
                    append(batch, row, rowKindColumn, elements, i);
                }
                if (length == 0 && spec.outer()) {
                    append(batch, row, rowKindColumn, null, 0);
                }
            }
        } finally {
            batch.close();
        }
        emitPending();
    }

    /**
     * Each collection of {@code row} as a list of elements; a map's element is its entry as a
     * two-value list, and a NULL collection is empty.
     */
    private List<List<?>> elements(VectorSchemaRoot batch, int row) {
        List<List<?>> result = new ArrayList<>(collectionTypes.length);
        for (int c = 0; c < collectionTypes.length; c++) {
            Object value = BatchValues.get(batch.getVector(spec.collections().get(c)), row);
            if (value == null) {
                result.add(List.of());
            } else if (value instanceof Map<?, ?> map) {
                List<List<?>> entries = new ArrayList<>(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    entries.add(java.util.Arrays.asList(entry.getKey(), entry.getValue()));
                }
                result.add(entries);
            } else {
                result.add((List<?>) value);
            }
        }
        return result;
    }

    /** Adds output row: kept columns of input {@code row}, then element {@code index} of each collection (null elements: NULLs). */
    private void append(VectorSchemaRoot in, int row, int rowKindColumn, List<List<?>> elements, int index) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        List<FieldVector> out = pending.getFieldVectors();
        for (int column = 0; column < spec.keptColumns(); column++) {
            out.get(column).copyFromSafe(row, pendingRows, in.getVector(column));
        }
        int at = spec.keptColumns();
        for (int c = 0; c < collectionTypes.length; c++) {
            int width = UnnestSpec.width(collectionTypes[c]);
            Object element = elements == null || index >= elements.get(c).size() ? null : elements.get(c).get(index);
            boolean spread = collectionTypes[c].kind() == TypeKind.MAP
                    || collectionTypes[c].children().get(0).type().kind() == TypeKind.ROW;
            for (int f = 0; f < width; f++) {
                Object value = !spread ? element : element == null ? null : ((List<?>) element).get(f);
                BatchValues.set(out.get(at + f), pendingRows, value);
            }
            at += width;
        }
        if (spec.withOrdinality()) {
            BatchValues.set(out.get(at), pendingRows, elements == null ? null : index + 1);
        }
        if (changelog) {
            out.get(out.size() - 1).copyFromSafe(row, pendingRows, in.getVector(rowKindColumn));
        }
        pendingRows++;
        if (pendingRows >= batchSize) {
            emitPending();
        }
    }

    private void emitPending() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        if (pendingRows == 0) {
            batch.close();
            return;
        }
        batch.setRowCount(pendingRows);
        output.emit(batch);
    }

    @Override
    public void finish() {
        emitPending();
        output.finish();
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }

    /** Checks once per job that the output has room for what the spec unnests. */
    public static final class UnnestOperatorFactory implements OperatorFactory {
        private final UnnestSpec spec;
        private final RowType inputType;

        public UnnestOperatorFactory(UnnestSpec spec, RowType inputType) {
            this.spec = requireNonNull(spec, "spec is null");
            this.inputType = requireNonNull(inputType, "inputType is null");
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            UnnestOperator operator = new UnnestOperator(spec, inputType, context, output);
            int expected = spec.keptColumns() + operator.unnestedColumns + (spec.withOrdinality() ? 1 : 0)
                    + (operator.changelog ? 1 : 0);
            if (context.outputType().size() != expected) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: Unnest output has " + context.outputType().size()
                        + " columns, expected " + expected);
            }
            return operator;
        }
    }
}
