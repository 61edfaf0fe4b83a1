package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The SESSION window table function: per partition (the {@code PARTITION BY} keys; the input is
 * HASH-exchanged on them), rows whose times are less than {@code gap} apart form one session
 * [first time, last time + gap). Each row goes out once, with the input columns followed by the
 * session's {@code window_start}, {@code window_end} and, when {@code windowTime},
 * {@code window_time} = {@code window_end} − 1 ms (TIMESTAMP(3)).
 *
 * <p>A session is only known once no later row can extend it: in streaming mode rows wait until the
 * watermark reaches {@code window_end} − 1 ms, so a window aggregate after this operator fires each
 * session at that same watermark; with bounded input the rest goes out when the input ends. A row
 * that arrives after its own session [t, t + gap) has closed and that touches no waiting row is late:
 * dropped and counted, as Flink does. Rows with a NULL time belong to no session and are dropped.
 */
public record SessionAssignSpec(List<Integer> partitionKeys, int timeColumn, long gap, boolean windowTime)
        implements OperatorSpec {
    public SessionAssignSpec {
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        if (gap <= 0) {
            throw new IllegalArgumentException("session gap must be positive: " + gap);
        }
    }

    @Override
    public String describe() {
        return "SessionAssign(partitionBy=" + partitionKeys + ", time=$" + timeColumn + ", gap=" + gap + ")";
    }
}
