package io.weir.spi.connector;

/** Where a sink writer runs: its job, and its subtask among the sink's parallel subtasks. */
public record SinkContext(String jobId, int subtaskIndex, int parallelism) {
}
