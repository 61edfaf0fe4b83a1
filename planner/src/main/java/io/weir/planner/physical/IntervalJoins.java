package io.weir.planner.physical;

import io.weir.executor.plan.IntervalJoinSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.planner.calcite.PhysicalTable;
import io.weir.planner.catalog.TableDefinition;
import java.math.BigDecimal;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Recognizes an interval join, as Flink does: a streaming INNER/LEFT/RIGHT/FULL join whose condition
 * bounds a time attribute of the left input against one of the right input from both sides, e.g.
 * {@code l.ts BETWEEN r.ts - INTERVAL '1' HOUR AND r.ts + INTERVAL '10' MINUTE} or
 * {@code l.ts >= r.ts AND l.ts < r.ts + INTERVAL '5' SECOND}. A time attribute here is a table's
 * {@code WATERMARK} column, passed on unchanged by projections and filters. Anything else (one bound
 * only, a computed rowtime column, times of other columns) stays a regular join. Stateless.
 */
final class IntervalJoins {
    private IntervalJoins() {
    }

    /** A column reference plus a constant number of milliseconds. */
    private record Term(int field, long offset) {
    }

    /** {@code spec} as an interval join, or empty when {@code join}'s condition does not bound two time attributes. */
    static Optional<IntervalJoinSpec> of(Join join, JoinSpec spec) {
        if (spec.joinType() == JoinType.SEMI || spec.joinType() == JoinType.ANTI) {
            return Optional.empty();
        }
        int leftCount = join.getLeft().getRowType().getFieldCount();
        int leftTime = -1;
        int rightTime = -1;
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
            if (!(conjunct instanceof RexCall call) || !isComparison(call.getKind())) {
                continue;
            }
            Term a = term(call.getOperands().get(0));
            Term b = term(call.getOperands().get(1));
            if (a == null || b == null || (a.field() < leftCount) == (b.field() < leftCount)) {
                continue;
            }
            SqlKind kind = call.getKind();
            if (a.field() >= leftCount) {
                Term swap = a;
                a = b;
                b = swap;
                kind = kind.reverse();
            }
            if (leftTime >= 0 && (a.field() != leftTime || b.field() - leftCount != rightTime)) {
                continue; // bounds between other columns stay in the condition only
            }
            leftTime = a.field();
            rightTime = b.field() - leftCount;
            // l + a OP r + b  is  l - r OP b - a
            long bound = b.offset() - a.offset();
            if (kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL) {
                lower = Math.max(lower, bound);
            } else {
                upper = Math.min(upper, bound);
            }
        }
        if (leftTime < 0 || lower == Long.MIN_VALUE || upper == Long.MAX_VALUE || lower > upper
                || !isRowtime(join.getLeft(), leftTime) || !isRowtime(join.getRight(), rightTime)) {
            return Optional.empty();
        }
        return Optional.of(new IntervalJoinSpec(spec, leftTime, rightTime, lower, upper));
    }

    private static boolean isComparison(SqlKind kind) {
        return kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.LESS_THAN
                || kind == SqlKind.LESS_THAN_OR_EQUAL;
    }

    /** {@code node} as a column plus or minus day-time interval literals, or null. */
    private static Term term(RexNode node) {
        if (node.getKind() == SqlKind.CAST) {
            node = ((RexCall) node).getOperands().get(0);
        }
        if (node instanceof RexInputRef ref) {
            return isTimestamp(ref) ? new Term(ref.getIndex(), 0) : null;
        }
        if (!(node instanceof RexCall call) || call.getOperands().size() != 2
                || (call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS)) {
            return null;
        }
        Term inner = term(call.getOperands().get(0));
        Long millis = intervalMillis(call.getOperands().get(1));
        if (inner == null && call.getKind() == SqlKind.PLUS) {
            inner = term(call.getOperands().get(1));
            millis = intervalMillis(call.getOperands().get(0));
        }
        if (inner == null || millis == null) {
            return null;
        }
        return new Term(inner.field(), call.getKind() == SqlKind.PLUS ? inner.offset() + millis : inner.offset() - millis);
    }

    private static boolean isTimestamp(RexInputRef ref) {
        return switch (ref.getType().getSqlTypeName()) {
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> true;
            default -> false;
        };
    }

    /** A day-time interval literal in milliseconds (year-month intervals have no fixed length), or null. */
    private static Long intervalMillis(RexNode node) {
        if (!(node instanceof RexLiteral literal)
                || literal.getType().getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
            return null;
        }
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        return value == null ? null : value.longValue();
    }

    /** Whether field {@code field} of {@code rel} is a table's WATERMARK column, unchanged. */
    static boolean isRowtime(RelNode rel, int field) {
        if (rel instanceof TableScan scan) {
            PhysicalTable table = scan.getTable().unwrap(PhysicalTable.class);
            if (table == null) {
                return false;
            }
            TableDefinition definition = table.definition();
            String name = scan.getRowType().getFieldList().get(field).getName();
            return definition.watermark().map(w -> w.column().equalsIgnoreCase(name)).orElse(false);
        }
        if (rel instanceof Filter filter) {
            return isRowtime(filter.getInput(), field);
        }
        RexNode expression;
        if (rel instanceof Calc calc) {
            expression = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
        } else if (rel instanceof Project project) {
            expression = project.getProjects().get(field);
        } else {
            return false;
        }
        return expression instanceof RexInputRef ref && isRowtime(rel.getInput(0), ref.getIndex());
    }
}
