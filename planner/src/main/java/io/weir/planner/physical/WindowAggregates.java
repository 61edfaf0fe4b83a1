package io.weir.planner.physical;

import java.util.Optional;
import org.apache.calcite.rel.core.Aggregate;

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
}
