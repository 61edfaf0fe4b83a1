package io.weir.planner.physical;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Exchange;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Recognizes a window aggregation: an {@link Aggregate} whose group keys include both
 * {@code window_start} and {@code window_end} of the same window table function (TUMBLE, HOP,
 * CUMULATE) below it, reached through filters and projections that pass those columns on.
 */
final class WindowAggregates {
    private WindowAggregates() {
    }

    /** The aggregate input's column holding {@code window_end}, when {@code aggregate} is a window aggregation. */
    static Optional<Integer> windowEndColumn(Aggregate aggregate) {
        TableFunctionScan window = null;
        Integer start = null;
        Integer end = null;
        for (int key : aggregate.getGroupSet()) {
            Origin origin = origin(aggregate.getInput(), key);
            if (origin == null) {
                continue;
            }
            int windowColumns = origin.scan().getInputs().get(0).getRowType().getFieldCount();
            if (window != null && window != origin.scan()) {
                return Optional.empty();
            }
            if (origin.column() == windowColumns) {
                start = key;
                window = origin.scan();
            } else if (origin.column() == windowColumns + 1) {
                end = key;
                window = origin.scan();
            }
        }
        return start != null && end != null ? Optional.of(end) : Optional.empty();
    }

    /**
     * Whether the windows of window aggregation {@code aggregate} (its window_end at input column
     * {@code windowEndColumn}) are processing-time windows: the window function's time column is
     * PROCTIME(). Refuses SESSION over processing time, whose sessions the watermark closes.
     */
    static boolean isProcessingTime(Aggregate aggregate, int windowEndColumn) {
        TableFunctionScan scan = origin(aggregate.getInput(), windowEndColumn).scan();
        int timeColumn = WindowFunctions.timeColumn(scan);
        RelNode input = scan.getInputs().get(0);
        while (input instanceof Exchange exchange) {
            // SESSION's PARTITION BY
            input = exchange.getInput();
        }
        boolean processingTime = timeColumn >= 0 && LookupJoins.isProcTime(input, timeColumn);
        if (processingTime && WindowFunctions.isSession(scan)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "SESSION windows over a processing-time "
                    + "attribute (PROCTIME()) are not supported yet; use TUMBLE, HOP or CUMULATE, or an event-time "
                    + "column with a WATERMARK");
        }
        return processingTime;
    }

    /** A column of a window table function's output. */
    private record Origin(TableFunctionScan scan, int column) {
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
        return null;
    }

    private static Origin through(RelNode input, List<RexNode> projects, int column) {
        return projects.get(column) instanceof RexInputRef ref ? origin(input, ref.getIndex()) : null;
    }
}
