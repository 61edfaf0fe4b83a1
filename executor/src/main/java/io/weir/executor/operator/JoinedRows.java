package io.weir.executor.operator;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.plan.Expr;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The joined row that the streaming joins evaluate their residual condition over: the left row's
 * fields, then the right row's, every one nullable (an outer join's missing side is nulls), and the
 * condition compiled over it once per job into a program that writes one BOOLEAN flag per pair.
 */
final class JoinedRows {
    /** The type of the programs' output: one flag per joined row, true when it passes. */
    static final RowType FLAG_TYPE = new RowType(List.of(new Field("flag", DataType.of(TypeKind.BOOLEAN))));

    private JoinedRows() {
    }

    /** {@code left}'s fields then {@code right}'s, each made nullable. */
    static RowType type(RowType left, RowType right) {
        List<Field> fields = new ArrayList<>();
        for (RowType side : List.of(left, right)) {
            for (Field field : side.fields()) {
                fields.add(new Field(field.name(), field.type().withNullable(true)));
            }
        }
        return new RowType(fields);
    }

    /** {@code condition} compiled over {@code joinedType} into a flag program; null without a condition. */
    static Class<? extends CalcProgram> compileCondition(RowType joinedType, Expr condition) {
        return condition == null ? null : CalcCompiler.compile(joinedType, List.of(condition), null, FLAG_TYPE);
    }
}
