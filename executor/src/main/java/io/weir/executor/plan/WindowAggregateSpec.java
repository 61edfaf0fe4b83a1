package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Streaming window aggregation over the rows of a window table function: a GROUP BY whose keys
 * include the window's {@code window_start} and {@code window_end}. Keeps accumulators per window
 * and group; emits a window's rows (the group keys in order, then one column per call, its final
 * value as in {@link AggregateMode#SINGLE}) once the input watermark reaches {@code window_end - 1}
 * ms, then frees the window's state. A row whose window has already fired ({@code window_end - 1 <=}
 * the current watermark) is dropped as late and counted. At the end of input every remaining window
 * fires. Emits inserts only; runs HASH-partitioned on the group keys.
 *
 * <p>Processing time ({@code processingTime}: the window's time column is a {@code PROCTIME()}):
 * the wall clock instead of the watermark fires a window, once {@code window_end <=} now, checked at
 * every input batch and watermark (no timer thread: a silent input holds its windows until it sends
 * again or ends); no row is late, and a row whose window has fired already (its PROCTIME() was
 * taken upstream just before the end) goes into a window of the same bounds that fires at the next
 * check, so a window's groups may come out more than once, each row counted exactly once.
 *
 * <p>With {@code slicing}, the input rows carry slices of HOP or CUMULATE windows, not windows (see
 * {@link WindowSlicing}): a window fires as above and emits the merge of its slices, with its own
 * {@code window_start}, {@code window_end} and {@code window_time}; a row counts in every window of its
 * slice that had not fired when it came, and is dropped as late only when all of them had.
 *
 * @param windowEndColumn the input column holding {@code window_end} (TIMESTAMP(3))
 * @param processingTime whether the windows are processing-time windows
 * @param slicing how the input's slices make the windows; null when the input rows carry their windows
 */
public record WindowAggregateSpec(List<Integer> groupKeys, int windowEndColumn, List<AggregateCall> calls,
        boolean processingTime, WindowSlicing slicing) implements OperatorSpec {
    public WindowAggregateSpec {
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        if (!groupKeys.contains(windowEndColumn)) {
            throw new IllegalArgumentException("window_end column " + windowEndColumn + " is not a group key");
        }
        if (slicing != null && (processingTime || calls.stream().anyMatch(AggregateCall::distinct))) {
            throw new IllegalArgumentException("processing-time windows and DISTINCT calls are not sliced");
        }
    }

    /** Windows carried by the input rows, by event time or processing time. */
    public WindowAggregateSpec(List<Integer> groupKeys, int windowEndColumn, List<AggregateCall> calls,
            boolean processingTime) {
        this(groupKeys, windowEndColumn, calls, processingTime, null);
    }

    /** An event-time window aggregation. */
    public WindowAggregateSpec(List<Integer> groupKeys, int windowEndColumn, List<AggregateCall> calls) {
        this(groupKeys, windowEndColumn, calls, false);
    }

    @Override
    public String describe() {
        return "WindowAggregate(groupBy=" + groupKeys + ", windowEnd=" + windowEndColumn + ", calls=" + calls
                + (processingTime ? ", processing time" : "") + (slicing == null ? "" : ", " + slicing.describe()) + ")";
    }
}
