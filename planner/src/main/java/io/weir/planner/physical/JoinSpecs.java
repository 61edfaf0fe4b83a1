package io.weir.planner.physical;

import io.weir.executor.plan.Expr;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Turns a Calcite {@link Join} into a {@link JoinSpec}: the equi keys (column = column, one column of
 * each input) become hash keys; everything else becomes the residual condition over the concatenated
 * row. A key pair whose two columns differ in type (say INT and BIGINT) stays in the residual
 * condition, because equal values of different types hash differently.
 */
final class JoinSpecs {
    private JoinSpecs() {
    }

    static JoinSpec of(Join join, ExprTranslator exprs) {
        JoinType type = switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    join.getJoinType() + " joins are not supported yet; use an INNER, LEFT, RIGHT or FULL join");
        };
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(), leftKeys, rightKeys,
                filterNulls, residual);
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        int leftCount = join.getLeft().getRowType().getFieldCount();
        List<Integer> keptLeft = new ArrayList<>();
        List<Integer> keptRight = new ArrayList<>();
        List<Boolean> nullSafe = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            var leftType = join.getLeft().getRowType().getFieldList().get(leftKeys.get(i)).getType();
            var rightType = join.getRight().getRowType().getFieldList().get(rightKeys.get(i)).getType();
            boolean safe = !filterNulls.get(i);
            if (TypeConverter.toDataType(leftType).withNullable(true)
                    .equals(TypeConverter.toDataType(rightType).withNullable(true))) {
                keptLeft.add(leftKeys.get(i));
                keptRight.add(rightKeys.get(i));
                nullSafe.add(safe);
            } else {
                residual.add(rexBuilder.makeCall(
                        safe ? SqlStdOperatorTable.IS_NOT_DISTINCT_FROM : SqlStdOperatorTable.EQUALS,
                        rexBuilder.makeInputRef(leftType, leftKeys.get(i)),
                        rexBuilder.makeInputRef(rightType, leftCount + rightKeys.get(i))));
            }
        }
        RexNode condition = RexUtil.composeConjunction(rexBuilder, residual, true);
        Expr translated = condition == null || condition.isAlwaysTrue() ? null : exprs.translate(condition);
        return new JoinSpec(type, keptLeft, keptRight, nullSafe, translated);
    }
}
