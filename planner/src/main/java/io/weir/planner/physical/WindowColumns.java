package io.weir.planner.physical;

import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.plan.WindowRankSpec;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Finds the {@code window_start} and {@code window_end} columns of a window table function (TUMBLE,
 * HOP, CUMULATE, SESSION) in a rel's output, through filters and projections that pass them on and
 * through window aggregations that group by them, as Flink's window attribute propagation does.
 * Decides the streaming window operators: window aggregation, window Top-N / deduplication (a rank
 * partitioned by both columns) and window join (equi keys pairing both columns of each side).
 */
final class WindowColumns {
    private WindowColumns() {
    }

    /** A column of a window table function's output. */
    private record Origin(TableFunctionScan scan, int column) {
        boolean isStart() {
            return column == scan.getInputs().get(0).getRowType().getFieldCount();
        }

        boolean isEnd() {
            return column == scan.getInputs().get(0).getRowType().getFieldCount() + 1;
        }
    }

    /** Among {@code columns} of {@code rel}: the one holding {@code window_end}, when both window columns are there. */
    static Optional<Integer> windowEnd(RelNode rel, List<Integer> columns) {
        TableFunctionScan window = null;
        Integer start = null;
        Integer end = null;
        for (int column : columns) {
            Origin origin = origin(rel, column);
            if (origin == null || !origin.isStart() && !origin.isEnd()) {
                continue;
            }
            if (window != null && window != origin.scan()) {
                return Optional.empty();
            }
            window = origin.scan();
            if (origin.isStart()) {
                start = column;
            } else {
                end = column;
            }
        }
        return start != null && end != null ? Optional.of(end) : Optional.empty();
    }

    /** The window table function that column {@code column} of {@code rel} comes from, or null. */
    static TableFunctionScan windowOf(RelNode rel, int column) {
        Origin origin = origin(rel, column);
        return origin == null ? null : origin.scan();
    }

    /** A window Top-N: a rank over {@code input} partitioned by the window's start and end. */
    static Optional<WindowRankSpec> windowRank(RelNode input, RankSpec rank) {
        return windowEnd(input, rank.partitionKeys()).map(end -> new WindowRankSpec(rank, end));
    }

    /** A window join: equi keys that pair the left window's start and end with the right one's. */
    static Optional<WindowJoinSpec> windowJoin(Join join, JoinSpec spec) {
        if (spec.leftKeys().isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> leftEnd = windowEnd(join.getLeft(), spec.leftKeys());
        Optional<Integer> rightEnd = windowEnd(join.getRight(), spec.rightKeys());
        if (leftEnd.isEmpty() || rightEnd.isEmpty()) {
            return Optional.empty();
        }
        int endPair = spec.leftKeys().indexOf(leftEnd.get());
        boolean startsPaired = false;
        for (int i = 0; i < spec.leftKeys().size(); i++) {
            Origin left = origin(join.getLeft(), spec.leftKeys().get(i));
            Origin right = origin(join.getRight(), spec.rightKeys().get(i));
            startsPaired |= left != null && right != null && left.isStart() && right.isStart();
        }
        if (!startsPaired || !spec.rightKeys().get(endPair).equals(rightEnd.get())) {
            return Optional.empty();
        }
        return Optional.of(new WindowJoinSpec(spec, leftEnd.get(), rightEnd.get()));
    }

    private static Origin origin(RelNode rel, int column) {
        if (rel instanceof TableFunctionScan scan && WindowFunctions.isWindow(scan)) {
            return new Origin(scan, column);
        }
        if (rel instanceof Filter filter) {
            return origin(filter.getInput(), column);
        }
        if (rel instanceof Project project) {
            return through(project.getInput(), project.getProjects(), column);
        }
        if (rel instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            List<RexNode> projects = program.getProjectList().stream().map(program::expandLocalRef).toList();
            return through(calc.getInput(), projects, column);
        }
        if (rel instanceof Aggregate aggregate && isWindowAggregate(aggregate) && column < aggregate.getGroupCount()) {
            return origin(aggregate.getInput(), aggregate.getGroupSet().nth(column));
        }
        return null;
    }

    /** A window aggregation keeps its window columns; one with DISTINCT runs as a group aggregate and does not. */
    private static boolean isWindowAggregate(Aggregate aggregate) {
        return aggregate.getGroupType() == Aggregate.Group.SIMPLE
                && aggregate.getAggCallList().stream().noneMatch(call -> call.isDistinct())
                && windowEnd(aggregate.getInput(), aggregate.getGroupSet().asList()).isPresent();
    }

    private static Origin through(RelNode input, List<RexNode> projects, int column) {
        return projects.get(column) instanceof RexInputRef ref ? origin(input, ref.getIndex()) : null;
    }
}
