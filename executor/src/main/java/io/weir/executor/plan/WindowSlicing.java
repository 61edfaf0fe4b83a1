package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * How a {@link WindowAggregateSpec} over HOP or CUMULATE windows aggregates slices instead of windows,
 * as Flink's slicing window operator does: upstream, each row gets the one slice its time falls into
 * (a TUMBLE of the slide or step, in the {@code window_start} / {@code window_end} columns), so it is
 * sent, looked up and accumulated once instead of once per window; a window's result merges the
 * accumulators of the slices it covers when it fires.
 *
 * <p>A HOP window [e − size, e) covers the slices ending at e − size + step … e; a CUMULATE window
 * [s, e), s a multiple of size, the slices ending at s + step … e. Every slice end is a window end.
 *
 * @param windows the window function (HOP or CUMULATE; size a whole multiple of step)
 * @param windowStartColumn the input column of {@code window_start}, which holds the slice's start
 * @param windowTimeColumn the input column of {@code window_time} (-1: none)
 */
public record WindowSlicing(WindowAssignSpec windows, int windowStartColumn, int windowTimeColumn)
        implements Serializable {
    public WindowSlicing {
        requireNonNull(windows, "windows is null");
        if (windows.kind() == WindowAssignSpec.Kind.TUMBLE || windows.size() % windows.step() != 0) {
            throw new IllegalArgumentException("only HOP and CUMULATE windows whose size is a multiple of the step "
                    + "are sliced: " + windows.describe());
        }
    }

    /** The slices of the window function: a TUMBLE of its step that keeps the time column and window_time. */
    public WindowAssignSpec sliceAssigner() {
        return new WindowAssignSpec(WindowAssignSpec.Kind.TUMBLE, windows.timeColumn(), windows.step(), windows.step(),
                windows.windowTime());
    }

    /** The start of the window that ends at {@code windowEnd}. */
    public long windowStart(long windowEnd) {
        return switch (windows.kind()) {
            case HOP -> windowEnd - windows.size();
            default -> windowEnd - 1 - Math.floorMod(windowEnd - 1, windows.size());
        };
    }

    /** The end of the first slice of the window that ends at {@code windowEnd}. */
    public long firstSliceEnd(long windowEnd) {
        return windowStart(windowEnd) + windows.step();
    }

    /** The end of the last window that covers the slice ending at {@code sliceEnd}: after it fires the slice is done. */
    public long lastWindowEnd(long sliceEnd) {
        return switch (windows.kind()) {
            case HOP -> sliceEnd + windows.size() - windows.step();
            default -> windowStart(sliceEnd) + windows.size();
        };
    }

    /** The slide or step: window ends, like slice ends, are its multiples. */
    public long step() {
        return windows.step();
    }

    public String describe() {
        return "sliced " + windows.kind() + "(" + (windows.kind() == WindowAssignSpec.Kind.HOP ? "slide=" : "step=")
                + windows.step() + ", size=" + windows.size() + ")";
    }
}
