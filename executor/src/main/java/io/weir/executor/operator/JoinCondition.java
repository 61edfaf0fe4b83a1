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
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The residual condition of a join whose rows wait in state (interval and window joins): candidate
 * pairs of rows, as Java values, go through the compiled condition together in one joined batch
 * (left columns, then right ones, all nullable). Subtask thread only.
 */
final class JoinCondition {
    /** The type of the condition programs' output: one flag per joined row, true when it passes. */
    static final RowType FLAG = new RowType(List.of(new Field("flag", DataType.of(TypeKind.BOOLEAN))));

    private final CalcProgram program;
    private final RowType joinedType;
    private final int[] widths;
    private final BufferAllocator allocator;

    /** {@code program} null: every pair passes. */
    JoinCondition(CalcProgram program, RowType joinedType, int[] widths, BufferAllocator allocator) {
        this.program = program;
        this.joinedType = joinedType;
        this.widths = widths.clone();
        this.allocator = allocator;
    }

    /** Both sides' columns, nullable, as the condition reads them. */
    static RowType joinedType(RowType left, RowType right) {
        List<Field> fields = new ArrayList<>();
        for (RowType side : List.of(left, right)) {
            for (Field field : side.fields()) {
                fields.add(new Field(field.name(), field.type().withNullable(true)));
            }
        }
        return new RowType(fields);
    }

    /** The condition's program class, compiled once per job; null without a condition. */
    static Class<? extends CalcProgram> compile(Expr condition, RowType joinedType) {
        return condition == null ? null : CalcCompiler.compile(joinedType, List.of(condition), null, FLAG);
    }

    /** Whether pair {@code i} ({@code lefts[i]}, {@code rights[i]}) satisfies the condition (NULL does not). */
    boolean[] test(List<Object[]> lefts, List<Object[]> rights) {
        int pairs = lefts.size();
        boolean[] pass = new boolean[pairs];
        if (program == null || pairs == 0) {
            Arrays.fill(pass, true);
            return pass;
        }
        try (VectorSchemaRoot joined = Batches.allocate(joinedType, allocator, pairs)) {
            for (int i = 0; i < pairs; i++) {
                write(joined, i, widths, lefts.get(i), rights.get(i));
            }
            joined.setRowCount(pairs);
            try (VectorSchemaRoot flags = Batches.allocate(FLAG, allocator, pairs)) {
                program.evaluate(joined, flags);
                BitVector vector = (BitVector) flags.getVector(0);
                for (int p = 0; p < pairs; p++) {
                    pass[p] = !vector.isNull(p) && vector.get(p) != 0;
                }
            }
        }
        return pass;
    }

    /** Writes a joined row at {@code row}: the left values (NULLs when null), then the right ones. */
    static void write(VectorSchemaRoot target, int row, int[] widths, Object[] left, Object[] right) {
        for (int c = 0; c < widths[0]; c++) {
            BatchValues.set(target.getVector(c), row, plain(left == null ? null : left[c]));
        }
        for (int c = 0; c < widths[1]; c++) {
            BatchValues.set(target.getVector(widths[0] + c), row, plain(right == null ? null : right[c]));
        }
    }

    /** A value as a batch takes it: a hashable ByteBuffer back to its bytes. */
    static Object plain(Object value) {
        return value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value;
    }
}
