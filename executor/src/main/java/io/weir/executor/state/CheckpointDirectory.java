package io.weir.executor.state;

import static java.util.Objects.requireNonNull;

import io.weir.spi.checkpoint.CheckpointStorage;

/**
 * One job's folder in checkpoint storage ({@code <state.checkpoints.dir>/<job id>}): its
 * {@code chk-<n>} metadata objects, the {@code shared/} SST files of incremental RocksDB snapshots,
 * their {@code private/} small files, and {@code pinned/} copies of the metadata of savepoints.
 */
public record CheckpointDirectory(CheckpointStorage storage, String location) {
    public CheckpointDirectory {
        requireNonNull(storage, "storage is null");
        requireNonNull(location, "location is null");
    }

    /** A folder on the local file system. */
    public static CheckpointDirectory local(java.nio.file.Path folder) {
        return new CheckpointDirectory(io.weir.executor.internal.CheckpointStorages.of(folder.toString(),
                java.util.Map.of()), folder.toString());
    }

    /** The location of {@code first/next/...} in this folder. */
    public String resolve(String... names) {
        String at = location;
        for (String name : names) {
            at = storage.resolve(at, name);
        }
        return at;
    }
}
