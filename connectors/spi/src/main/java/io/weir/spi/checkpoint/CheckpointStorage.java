package io.weir.spi.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A place for checkpoints: objects named by location strings ({@code s3://bucket/a/b}, or a local
 * path), each written whole or not at all, never changed after. Thread-safe: subtasks upload state
 * files from their upload threads while the checkpoint coordinator writes metadata and deletes.
 */
public interface CheckpointStorage {
    /** The location of {@code name} inside {@code directory}. */
    default String resolve(String directory, String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /** Stores {@code bytes} at {@code location} atomically: a reader sees all of them or no object. */
    void write(String location, byte[] bytes) throws IOException;

    /** Stores a copy of local {@code file} at {@code location}, atomically as {@link #write}. */
    void upload(Path file, String location) throws IOException;

    /** The bytes stored at {@code location}; {@link java.nio.file.NoSuchFileException} when there are none. */
    byte[] read(String location) throws IOException;

    /** Copies the object at {@code location} into the new local {@code file}. */
    void download(String location, Path file) throws IOException;

    /**
     * The local file behind {@code location} when this storage is a local file system (so that a
     * restore may hard-link immutable files instead of copying them); empty by default.
     */
    default Optional<Path> localFile(String location) {
        return Optional.empty();
    }

    /** The names of the objects directly inside {@code directory} (no sub-folders); empty when none. */
    List<String> list(String directory) throws IOException;

    /** Deletes the object at {@code location}; no effect when there is none. */
    void delete(String location) throws IOException;
}
