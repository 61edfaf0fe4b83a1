package io.weir.executor;

import java.time.Instant;

/**
 * A worker as SHOW WORKERS and {@code GET /workers} list it: its id, the address of its data plane,
 * its task slots (free and in all), when it was last heard from, and what it last reported of its
 * load (data sent to other workers, Arrow memory, heap).
 */
public record WorkerInfo(String id, String address, int slotsFree, int slotsTotal, Instant lastHeartbeat,
        WorkerLoad load) {
    /** A worker that has reported no load (one that runs in this JVM). */
    public WorkerInfo(String id, String address, int slotsFree, int slotsTotal, Instant lastHeartbeat) {
        this(id, address, slotsFree, slotsTotal, lastHeartbeat, WorkerLoad.NONE);
    }
}
