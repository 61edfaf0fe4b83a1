package io.weir.executor;

import java.time.Instant;

/**
 * One checkpoint of a job, for SHOW CHECKPOINTS and the HTTP API: COMPLETED, EXPIRED or FAILED.
 *
 * @param durationMillis trigger until the checkpoint was stored (or given up)
 * @param sizeBytes the stored metadata's size
 * @param alignmentMillis the longest any subtask waited, from the first barrier of the checkpoint on
 *     one of its inputs until it had the barrier from every input (0 for sources)
 * @param endToEndMillis trigger until every sink was told the checkpoint completed (0 unless COMPLETED)
 */
public record CheckpointInfo(long id, String status, Instant triggered, long durationMillis, long sizeBytes,
        long alignmentMillis, long endToEndMillis) {
}
