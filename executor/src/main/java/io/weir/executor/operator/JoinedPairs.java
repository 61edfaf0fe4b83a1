package io.weir.executor.operator;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.Expr;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows of a two-input join made of a left and a right row (the left columns, then the right ones; a
 * missing side is NULLs), and the residual condition compiled over such a row, for the joins that
 * keep rows in state and pair them one by one (interval and temporal joins). Stateless.
 */
final class JoinedPairs {
    private static final RowType FLAG = new RowType(List.of(new Field("flag", DataType.of(TypeKind.BOOLEAN))));

    private JoinedPairs() {
    }

    /** Both sides' columns, all nullable: the row the condition reads. */
    static RowType joinedType(RowType left, RowType right) {
        List<Field> fields = new ArrayList<>();
        for (RowType side : List.of(left, right)) {
            for (Field field : side.fields()) {
                fields.add(new Field(field.name(), field.type().withNullable(true)));
            }
        }
        return new RowType(fields);
    }

    /** The compiled condition over {@code joinedType}, or null when there is none. Once per job. */
    static Class<? extends CalcProgram> compile(Expr condition, RowType joinedType) {
        return condition == null ? null : CalcCompiler.compile(joinedType, List.of(condition), null, FLAG);
    }

    /**
     * Whether each pair ({@code lefts.get(i)}, {@code rights.get(i)}) satisfies {@code condition}
     * (null: every pair does), evaluated over one batch; a NULL result is false.
     */
    static boolean[] evaluate(CalcProgram condition, RowType joinedType, int[] widths, BufferAllocator allocator,
            List<Object[]> lefts, List<Object[]> rights) {
        int pairs = lefts.size();
        boolean[] pass = new boolean[pairs];
        if (condition == null || pairs == 0) {
            java.util.Arrays.fill(pass, true);
            return pass;
        }
        try (VectorSchemaRoot joined = Batches.allocate(joinedType, allocator, pairs)) {
            for (int i = 0; i < pairs; i++) {
                write(joined, i, widths, lefts.get(i), rights.get(i));
            }
            joined.setRowCount(pairs);
            try (VectorSchemaRoot flags = Batches.allocate(FLAG, allocator, pairs)) {
                condition.evaluate(joined, flags);
                BitVector vector = (BitVector) flags.getVector(0);
                for (int p = 0; p < pairs; p++) {
                    pass[p] = !vector.isNull(p) && vector.get(p) != 0;
                }
            }
        }
        return pass;
    }

    /** Writes {@code left} (null: NULLs) then {@code right} (null: NULLs) into row {@code row} of {@code target}. */
    static void write(VectorSchemaRoot target, int row, int[] widths, Object[] left, Object[] right) {
        for (int c = 0; c < widths[0]; c++) {
            BatchValues.set(target.getVector(c), row, left == null ? null : left[c]);
        }
        for (int c = 0; c < widths[1]; c++) {
            BatchValues.set(target.getVector(widths[0] + c), row, right == null ? null : right[c]);
        }
    }
}
