/**
 * Checkpoint storage: where the executor keeps completed checkpoints and the state files they refer
 * to, found by the URI scheme of {@code state.checkpoints.dir} through {@link java.util.ServiceLoader}
 * ({@link io.weir.spi.checkpoint.CheckpointStorageFactory}), so that the executor stays free of any
 * object-store client.
 */
package io.weir.spi.checkpoint;
