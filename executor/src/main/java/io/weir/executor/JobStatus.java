package io.weir.executor;

/** Where a submitted job stands. RUNNING until it ends in exactly one of the terminal states. */
public enum JobStatus {
    RUNNING,
    FINISHED,
    FAILED,
    CANCELED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
