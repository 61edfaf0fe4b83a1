package io.weir.executor;

import java.time.Instant;

/** One checkpoint of a job, for SHOW CHECKPOINTS and the HTTP API: COMPLETED, EXPIRED or FAILED. */
public record CheckpointInfo(long id, String status, Instant triggered, long durationMillis, long sizeBytes) {
}
