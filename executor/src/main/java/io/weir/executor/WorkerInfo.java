package io.weir.executor;

import java.time.Instant;

/**
 * A worker as SHOW WORKERS and {@code GET /workers} list it: its id, the address of its data plane,
 * its task slots (free and in all), when it was last heard from, and what its data plane sent to
 * other workers so far (bytes of Arrow IPC batches, and rows).
 */
public record WorkerInfo(String id, String address, int slotsFree, int slotsTotal, Instant lastHeartbeat,
        long dataBytesSent, long dataRowsSent) {
    /** A worker that has not sent anything to others (one that runs alone). */
    public WorkerInfo(String id, String address, int slotsFree, int slotsTotal, Instant lastHeartbeat) {
        this(id, address, slotsFree, slotsTotal, lastHeartbeat, 0, 0);
    }
}
