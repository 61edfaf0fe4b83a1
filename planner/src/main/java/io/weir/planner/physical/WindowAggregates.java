package io.weir.planner.physical;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Exchange;
import org.apache.calcite.rel.core.TableFunctionScan;

/**
 * Recognizes a window aggregation: an {@link Aggregate} whose group keys include both
 * {@code window_start} and {@code window_end} of the same window table function (TUMBLE, HOP,
 * CUMULATE) below it, reached through filters, projections and window aggregations that pass those
 * columns on (see {@link WindowColumns}).
 */
final class WindowAggregates {
    private WindowAggregates() {
    }

    /** The aggregate input's column holding {@code window_end}, when {@code aggregate} is a window aggregation. */
    static Optional<Integer> windowEndColumn(Aggregate aggregate) {
        return WindowColumns.windowEnd(aggregate.getInput(), aggregate.getGroupSet().asList());
    }

    /**
     * Whether the windows of window aggregation {@code aggregate} (its window_end at input column
     * {@code windowEndColumn}) are processing-time windows: the window function's time column is
     * PROCTIME(). Refuses SESSION over processing time, whose sessions the watermark closes.
     */
    static boolean isProcessingTime(Aggregate aggregate, int windowEndColumn) {
        TableFunctionScan scan = WindowColumns.windowOf(aggregate.getInput(), windowEndColumn);
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
}
