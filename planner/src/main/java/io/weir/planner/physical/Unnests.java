package io.weir.planner.physical;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Recognizes {@code CROSS JOIN UNNEST(...)}, {@code , UNNEST(...)} and {@code LEFT JOIN UNNEST(...) ON TRUE},
 * which Calcite's converter hands over as {@code Correlate(left, Uncollect(Project($cor.a, ...) over a
 * one-row Values))} (the Project may have become a Calc), and describes it for an {@code UnnestSpec}:
 * the collection expressions, rewritten from {@code $cor.field} to input references of the left side.
 * Stateless.
 *
 * <p>Refused with a message: join types other than INNER and LEFT, a LEFT join with a condition other
 * than TRUE (Calcite keeps that condition out of the Correlate, so it shows as a filter on the right),
 * and collections that are neither ARRAY nor MAP (MULTISET).
 */
final class Unnests {
    /**
     * An unnest of {@code collections} (expressions over {@code left}'s row) for each row of {@code left};
     * {@code rightColumns} (null: as they come) picks and orders the unnested columns as the correlate's
     * right side has them (the converter projects them when it renames or reorders).
     */
    record Unnest(RelNode left, List<RexNode> collections, boolean outer, boolean withOrdinality,
            List<Integer> rightColumns) {
    }

    private Unnests() {
    }

    static boolean isUnnest(Correlate correlate) {
        RelNode right = correlate.getRight();
        while (right instanceof Calc || right instanceof Project) {
            right = right.getInput(0);
        }
        return right instanceof Uncollect;
    }

    static Unnest of(Correlate correlate) {
        boolean outer = switch (correlate.getJoinType()) {
            case INNER -> false;
            case LEFT -> true;
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "UNNEST can be joined with CROSS JOIN, "
                    + "a comma or LEFT JOIN ... ON TRUE, not as a " + correlate.getJoinType() + " join");
        };
        RelNode right = correlate.getRight();
        List<Integer> rightColumns = null;
        if (right instanceof Project project && project.getProjects().stream().allMatch(p -> p instanceof RexInputRef)) {
            rightColumns = project.getProjects().stream().map(p -> ((RexInputRef) p).getIndex()).toList();
            right = project.getInput();
        } else if (right instanceof Calc calc && calc.getProgram().getCondition() == null
                && calc.getProgram().getProjectList().stream().allMatch(p -> calc.getProgram().expandLocalRef(p)
                        instanceof RexInputRef)) {
            RexProgram program = calc.getProgram();
            rightColumns = program.getProjectList().stream()
                    .map(p -> ((RexInputRef) program.expandLocalRef(p)).getIndex()).toList();
            right = calc.getInput();
        }
        if (!(right instanceof Uncollect uncollect)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir cannot run a condition or projection on the "
                    + "rows of UNNEST inside the join yet; join with ON TRUE and filter in the WHERE clause instead");
        }
        RelNode source = uncollect.getInput();
        List<RexNode> expressions;
        if (source instanceof Project project) {
            expressions = project.getProjects();
        } else if (source instanceof Calc calc && calc.getProgram().getCondition() == null) {
            RexProgram program = calc.getProgram();
            expressions = program.getProjectList().stream().map(program::expandLocalRef).toList();
        } else {
            throw unsupported(source);
        }
        if (!(source.getInput(0) instanceof Values values) || values.getTuples().size() != 1) {
            throw unsupported(source);
        }
        CorrelationId id = correlate.getCorrelationId();
        RelDataType leftType = correlate.getLeft().getRowType();
        RexShuttle toInput = new RexShuttle() {
            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable variable && variable.id.equals(id)) {
                    int index = access.getField().getIndex();
                    return new RexInputRef(index, leftType.getFieldList().get(index).getType());
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitCorrelVariable(RexCorrelVariable variable) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "Weir cannot run UNNEST over a whole row of the outer query yet");
            }
        };
        List<RexNode> collections = new ArrayList<>();
        for (RexNode expression : expressions) {
            SqlTypeName type = expression.getType().getSqlTypeName();
            if (type != SqlTypeName.ARRAY && type != SqlTypeName.MAP) {
                throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "UNNEST needs an ARRAY or a MAP, but "
                        + expression + " has type " + expression.getType().getFullTypeString());
            }
            collections.add(expression.accept(toInput));
        }
        return new Unnest(correlate.getLeft(), collections, outer, uncollect.withOrdinality, rightColumns);
    }

    private static WeirException unsupported(RelNode source) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "Weir cannot run this UNNEST yet: its input is " + source.getRelTypeName());
    }
}
