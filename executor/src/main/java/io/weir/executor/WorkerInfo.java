package io.weir.executor;

import java.time.Instant;

/**
 * A worker as SHOW WORKERS and {@code GET /workers} list it: its id, the address of its data plane,
 * its task slots (free and in all), and when it was last heard from.
 */
public record WorkerInfo(String id, String address, int slotsFree, int slotsTotal, Instant lastHeartbeat) {
}
