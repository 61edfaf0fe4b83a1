package io.weir.executor.codegen;

/**
 * The watermark that {@code CURRENT_WATERMARK(rowtime)} reads: set by the operator on the subtask's
 * thread right before it evaluates a compiled program, read by the generated code. {@link Long#MIN_VALUE}
 * means no watermark yet (the function returns NULL).
 */
public final class CurrentWatermark {
    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    private CurrentWatermark() {
    }

    /** Called by an operator before it evaluates a program on this thread. */
    public static void set(long watermark) {
        CURRENT.get()[0] = watermark;
    }

    /** Called by generated code. */
    public static long get() {
        return CURRENT.get()[0];
    }
}
