package io.weir.planner.physical;

import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.RankSpec.RankFunction;
import io.weir.executor.plan.SortSpec;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.type.RowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Recognizes Top-N and deduplication: a {@link Window} with one {@code ROW_NUMBER}, {@code RANK} or
 * {@code DENSE_RANK} call, and, when a filter sits above it, the bounds that filter puts on the rank
 * ({@code rn <= N}, {@code rn < N}, {@code rn = N}, {@code rn >= M}, {@code rn > M}), which become the
 * operator's rank range as in Flink's Rank. The rank column is dropped when nothing else reads it.
 */
final class RankSpecs {
    private RankSpecs() {
    }

    /** The rank operator, its output columns, and what is left of the filter above it (or null). */
    record TopN(RankSpec spec, RowType type, RexNode condition) {
    }

    static boolean isRank(Window window) {
        if (window.groups.size() != 1 || window.groups.get(0).aggCalls.size() != 1) {
            return false;
        }
        SqlKind kind = window.groups.get(0).aggCalls.get(0).getOperator().getKind();
        return kind == SqlKind.ROW_NUMBER || kind == SqlKind.RANK || kind == SqlKind.DENSE_RANK;
    }

    /**
     * The rank for {@code window}, with the bounds taken out of {@code condition} (null: no filter) and
     * the rank column kept only when {@code projects} or the rest of the condition read it.
     */
    static TopN of(Window window, RexNode condition, List<RexNode> projects, RexBuilder rexBuilder) {
        int rankColumn = window.getInput().getRowType().getFieldCount();
        long start = 1;
        long end = -1;
        List<RexNode> remaining = new ArrayList<>();
        RexNode expanded = condition == null ? null : RexUtil.expandSearch(rexBuilder, null, condition);
        for (RexNode conjunct : expanded == null ? List.<RexNode>of() : RelOptUtil.conjunctions(expanded)) {
            long[] bounds = bounds(conjunct, rankColumn);
            if (bounds == null) {
                remaining.add(conjunct);
                continue;
            }
            start = Math.max(start, bounds[0]);
            end = end < 0 ? bounds[1] : bounds[1] < 0 ? end : Math.min(end, bounds[1]);
        }
        RexNode rest = remaining.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, remaining);
        boolean outputRank = RelOptUtil.InputFinder.bits(projects, rest).get(rankColumn);
        Window.Group group = window.groups.get(0);
        List<SortSpec.SortKey> orderKeys = new ArrayList<>();
        for (RelFieldCollation field : group.orderKeys.getFieldCollations()) {
            boolean descending = field.getDirection().isDescending();
            boolean nullsFirst = switch (field.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                case UNSPECIFIED -> !descending;
            };
            orderKeys.add(new SortSpec.SortKey(field.getFieldIndex(), descending, nullsFirst));
        }
        RankFunction function = switch (group.aggCalls.get(0).getOperator().getKind()) {
            case RANK -> RankFunction.RANK;
            case DENSE_RANK -> RankFunction.DENSE_RANK;
            default -> RankFunction.ROW_NUMBER;
        };
        RankSpec spec = new RankSpec(group.keys.asList(), orderKeys, function, start, end, outputRank);
        RowType type = TypeConverter.toRowType(outputRank ? window.getRowType() : window.getInput().getRowType());
        return new TopN(spec, type, rest);
    }

    /** [start, end] (end -1: none) that {@code conjunct} puts on the rank column, or null if it is no such bound. */
    private static long[] bounds(RexNode conjunct, int rankColumn) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
            return null;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (isRank(b, rankColumn) && b != a) {
            RexNode swap = a;
            a = b;
            b = swap;
            kind = kind.reverse();
        }
        if (!isRank(a, rankColumn) || !(b instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        if (value == null || value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
            return null;
        }
        long n = value.longValue();
        return switch (kind) {
            case LESS_THAN_OR_EQUAL -> new long[] {1, Math.max(0, n)};
            case LESS_THAN -> new long[] {1, Math.max(0, n - 1)};
            case EQUALS -> new long[] {n, Math.max(0, n)};
            case GREATER_THAN_OR_EQUAL -> new long[] {n, -1};
            case GREATER_THAN -> new long[] {n + 1, -1};
            default -> null;
        };
    }

    private static boolean isRank(RexNode node, int rankColumn) {
        return node instanceof RexInputRef ref && ref.getIndex() == rankColumn;
    }
}
