package io.weir.executor.operator;

/** Unwinds a subtask whose job is stopping; never reported as the job's failure. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
