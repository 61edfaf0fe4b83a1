package io.weir.spi.connector;

/** Where a reader runs: its subtask among the source's parallel subtasks. */
public record ReaderContext(String jobId, int subtaskIndex, int parallelism) {
}
