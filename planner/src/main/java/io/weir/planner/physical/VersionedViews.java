package io.weir.planner.physical;

import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SortSpec;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Recognizes a versioned view, as Flink infers one: the expansion of a view that keeps each key's
 * latest row of an append-only log, {@code SELECT cols FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY
 * key ORDER BY rowtime DESC) AS rownum FROM log) WHERE rownum = 1}, planned as a Calc (or Filter) of
 * {@code rownum = 1} and plain column references over a {@link Window} with that one ROW_NUMBER. Its
 * primary key is the PARTITION BY columns and its version time the ORDER BY column, which must be the
 * log's time attribute (a WATERMARK column, passed on unchanged). Stateless.
 *
 * <p>Run after {@code Optimizer} (the ROW_NUMBER must be a Window rel): {@link TemporalJoins} on the
 * whole plan, and {@link #requireVersioned} on a view's expansion alone, where the view's name is
 * still known.
 */
public final class VersionedViews {
    /**
     * A versioned view seen as its log: {@code log} is the Window's input, each of the view's columns
     * is the log's column {@code columnOf.get(i)}, the key is the log's columns {@code key} and the
     * version time its column {@code versionTime}.
     */
    record VersionedView(RelNode log, List<Integer> columnOf, List<Integer> key, int versionTime) {
    }

    private VersionedViews() {
    }

    /**
     * Refuses (0A000) a view that is not versioned as the versioned side of an event-time temporal
     * join; {@code expansion} is the view's optimized plan.
     */
    public static void requireVersioned(String view, RelNode expansion) {
        if (of(expansion).isEmpty()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "View '" + view + "' is not a versioned view, "
                    + "so it cannot be read FOR SYSTEM_TIME AS OF: a versioned view (for an event-time temporal "
                    + "join) keeps the latest row per key of a table with a WATERMARK, as SELECT ... FROM (SELECT *, "
                    + "ROW_NUMBER() OVER (PARTITION BY key ORDER BY time_attribute DESC) AS rownum FROM t) WHERE "
                    + "rownum = 1, which gives it a primary key (the PARTITION BY columns) and a time attribute; "
                    + "otherwise join a table with a PRIMARY KEY and a WATERMARK, or one whose connector has lookups");
        }
    }

    /** {@code rel} as a versioned view, or empty when it is none. */
    static Optional<VersionedView> of(RelNode rel) {
        RexNode condition;
        List<RexNode> projects;
        if (rel instanceof Calc calc && calc.getProgram().getCondition() != null) {
            RexProgram program = calc.getProgram();
            condition = program.expandLocalRef(program.getCondition());
            projects = program.getProjectList().stream().map(program::expandLocalRef).toList();
        } else if (rel instanceof Filter filter) {
            condition = filter.getCondition();
            projects = identity(filter);
        } else {
            return Optional.empty();
        }
        if (!(rel.getInput(0) instanceof Window window) || !RankSpecs.isRank(window)) {
            return Optional.empty();
        }
        RankSpecs.TopN topN = RankSpecs.of(window, condition, projects, rel.getCluster().getRexBuilder());
        RankSpec rank = topN.spec();
        boolean keepsLatest = rank.function() == RankSpec.RankFunction.ROW_NUMBER && rank.rankStart() == 1
                && rank.rankEnd() == 1 && !rank.outputRank() && !rank.partitionKeys().isEmpty()
                && rank.orderKeys().size() == 1 && rank.orderKeys().get(0).descending();
        if (!keepsLatest || topN.condition() != null) {
            // another condition would drop keys whose latest row fails it, which no version of the log says
            return Optional.empty();
        }
        SortSpec.SortKey order = rank.orderKeys().get(0);
        RelNode log = window.getInput();
        if (!IntervalJoins.isRowtime(log, order.field())) {
            return Optional.empty();
        }
        List<Integer> columnOf = new ArrayList<>();
        for (RexNode project : projects) {
            if (!(project instanceof RexInputRef ref)) {
                return Optional.empty();
            }
            columnOf.add(ref.getIndex());
        }
        return Optional.of(new VersionedView(log, columnOf, rank.partitionKeys(), order.field()));
    }

    private static List<RexNode> identity(RelNode rel) {
        List<RexNode> refs = new ArrayList<>();
        for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
            refs.add(rel.getCluster().getRexBuilder().makeInputRef(rel, i));
        }
        return refs;
    }
}
