package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

/**
 * A window table function (TUMBLE, HOP, CUMULATE): each input row goes out once per window its time
 * falls into, with the input columns followed by {@code window_start}, {@code window_end} and, when
 * {@code windowTime}, {@code window_time} = {@code window_end} − 1 ms (all TIMESTAMP(3)). Windows are
 * aligned to the epoch. A row whose time is NULL belongs to no window and is dropped.
 *
 * <ul>
 *   <li>TUMBLE: the window [t − t mod size, + size);
 *   <li>HOP: every window of length {@code size} starting at a multiple of {@code step} (the slide)
 *       with start ≤ t &lt; start + size;
 *   <li>CUMULATE: the windows [s, s + k·step) with s = t − t mod size, k = 1 … size/step, that end
 *       after t.
 * </ul>
 *
 * @param timeColumn the input column of the time descriptor (TIMESTAMP(3) or TIMESTAMP_LTZ(3))
 * @param step the HOP slide or CUMULATE step, in ms; equal to {@code size} for TUMBLE
 */
public record WindowAssignSpec(Kind kind, int timeColumn, long size, long step, boolean windowTime)
        implements OperatorSpec {
    /** The window table function. */
    public enum Kind {
        TUMBLE,
        HOP,
        CUMULATE
    }

    public WindowAssignSpec {
        requireNonNull(kind, "kind is null");
        if (size <= 0 || step <= 0) {
            throw new IllegalArgumentException("window size and step must be positive: " + size + ", " + step);
        }
    }

    /** The most windows one row can fall into. */
    public int maxWindowsPerRow() {
        return kind == Kind.TUMBLE ? 1 : (int) Math.min(Integer.MAX_VALUE, (size + step - 1) / step);
    }

    @Override
    public String describe() {
        String sizes = switch (kind) {
            case TUMBLE -> "size=" + size;
            case HOP -> "slide=" + step + ", size=" + size;
            case CUMULATE -> "step=" + step + ", size=" + size;
        };
        return "WindowAssign(" + kind + ", time=$" + timeColumn + ", " + sizes + ")";
    }
}
