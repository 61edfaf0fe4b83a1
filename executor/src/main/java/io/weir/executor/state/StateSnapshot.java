package io.weir.executor.state;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A backend's snapshot for one checkpoint: the entries to store (by key group, or a handle under a
 * pseudo key group), known when the barrier passes, and {@code uploaded}, which completes once the
 * files the entries refer to are in checkpoint storage (processing goes on meanwhile).
 */
public record StateSnapshot(Map<Integer, byte[]> entries, CompletableFuture<Void> uploaded) {
}
