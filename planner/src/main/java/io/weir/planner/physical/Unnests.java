package io.weir.planner.physical;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
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
 * and collections that are neither ARRAY nor MAP (MULTISET). On an inner unnest such a filter (a WHERE
 * on an unnested column, pushed down by the optimizer) is run after the Unnest instead.
 */
final class Unnests {
    /**
     * An unnest of {@code collections} (expressions over {@code left}'s row) for each row of {@code left};
     * {@code rightProjects} (null: as they come) computes the correlate's right side's columns from the
     * unnested ones (the converter projects them when it renames or reorders), and {@code rightCondition}
     * (null: none) is the filter the optimizer pushed into the right side (a WHERE on an unnested
     * column), also over the unnested columns; both are run by a Calc after the Unnest. Only an inner
     * unnest has a condition or projections other than column references: on an outer one they would
     * also see the NULL-padded rows.
     */
    record Unnest(RelNode left, Uncollect uncollect, List<RexNode> collections, boolean outer, boolean withOrdinality,
            List<RexNode> rightProjects, RexNode rightCondition) {
    }

    /** The correlate's right side: the Uncollect, and the filters and projections over it, composed. */
    private record Right(Uncollect uncollect, List<RexNode> projects, RexNode condition) {
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
        Right right = right(correlate.getRight());
        if (outer && (right.condition() != null || (right.projects() != null
                && !right.projects().stream().allMatch(p -> p instanceof RexInputRef)))) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir cannot run a condition or projection on the "
                    + "rows of UNNEST inside the join yet; join with ON TRUE and filter in the WHERE clause instead");
        }
        Uncollect uncollect = right.uncollect();
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
        return new Unnest(correlate.getLeft(), uncollect, collections, outer, uncollect.withOrdinality, right.projects(),
                right.condition());
    }

    /**
     * Peels the Calcs, Projects and Filters off the right side down to the Uncollect and composes them,
     * bottom up, into one projection and one condition over the Uncollect's columns.
     */
    private static Right right(RelNode right) {
        List<RelNode> layers = new ArrayList<>();
        while (right instanceof Calc || right instanceof Project || right instanceof Filter) {
            layers.add(right);
            right = right.getInput(0);
        }
        if (!(right instanceof Uncollect uncollect)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir cannot run this UNNEST yet: its rows "
                    + "come from " + right.getRelTypeName());
        }
        RexBuilder rex = uncollect.getCluster().getRexBuilder();
        List<RexNode> current = null;
        List<RexNode> conditions = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            RelNode layer = layers.get(i);
            List<RexNode> below = current;
            if (layer instanceof Filter filter) {
                conditions.add(over(below, filter.getCondition()));
            } else if (layer instanceof Project project) {
                current = project.getProjects().stream().map(p -> over(below, p)).toList();
            } else {
                RexProgram program = ((Calc) layer).getProgram();
                if (program.getCondition() != null) {
                    conditions.add(over(below, program.expandLocalRef(program.getCondition())));
                }
                current = program.getProjectList().stream().map(p -> over(below, program.expandLocalRef(p))).toList();
            }
        }
        RexNode condition = conditions.isEmpty() ? null : RexUtil.composeConjunction(rex, conditions);
        return new Right(uncollect, current, condition);
    }

    /** {@code expression} with its input references replaced by {@code inputs} (null: left as they are). */
    private static RexNode over(List<RexNode> inputs, RexNode expression) {
        if (inputs == null) {
            return expression;
        }
        return expression.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return inputs.get(ref.getIndex());
            }
        });
    }

    private static WeirException unsupported(RelNode source) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "Weir cannot run this UNNEST yet: its input is " + source.getRelTypeName());
    }
}
