package io.weir.server.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.cluster.WorkerGateway;
import java.time.Instant;

/**
 * A registered worker as the coordinator tracks it: how to reach it, its data plane address, its
 * slots and how many are taken, and when it was last heard from. {@code pinnedOnly}: the
 * coordinator's own in-JVM runtime in a cluster, which offers no slots and runs only what must run
 * beside the coordinator (collect and materialized-view subtasks). Mutable; guarded by the
 * {@link ClusterExecutor}.
 */
final class WorkerEntry {
    final String id;
    final String address;
    final int slots;
    final WorkerGateway gateway;
    final boolean pinnedOnly;
    int slotsUsed;
    volatile Instant lastHeartbeat = Instant.now();
    volatile io.weir.executor.WorkerLoad load = io.weir.executor.WorkerLoad.NONE;

    WorkerEntry(String id, String address, int slots, WorkerGateway gateway, boolean pinnedOnly) {
        this.id = requireNonNull(id, "id is null");
        this.address = requireNonNull(address, "address is null");
        this.slots = slots;
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.pinnedOnly = pinnedOnly;
    }

    int slotsFree() {
        return Math.max(0, slots - slotsUsed);
    }
}
