package io.weir.executor.operator;

/** Whether the job is stopping; blocking operator code polls it and throws {@link CancelledException}. */
public interface Cancellation {
    boolean isStopping();

    /** Throws {@link CancelledException} when the job is stopping. */
    default void check() {
        if (isStopping() || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
