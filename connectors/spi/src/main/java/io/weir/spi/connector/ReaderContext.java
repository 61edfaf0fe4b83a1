package io.weir.spi.connector;

/**
 * Where a reader runs: its subtask among the source's parallel subtasks, and, when the job resumes
 * from a checkpoint or savepoint, the position its split's previous reader stored there.
 */
public record ReaderContext(String jobId, int subtaskIndex, int parallelism, byte[] restoredPosition) {
    /** A reader that starts its split from the beginning. */
    public ReaderContext(String jobId, int subtaskIndex, int parallelism) {
        this(jobId, subtaskIndex, parallelism, null);
    }

    /** True when {@link #restoredPosition()} holds a position to resume from. */
    public boolean isRestored() {
        return restoredPosition != null;
    }
}
