package io.weir.executor.internal;

import io.weir.spi.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Checkpoint storage on a local (or mounted shared) file system: locations are paths, or
 * {@code file://} URIs. An object is written to a hidden temporary file beside its target and
 * renamed into place atomically.
 */
final class LocalCheckpointStorage implements CheckpointStorage {
    static final LocalCheckpointStorage INSTANCE = new LocalCheckpointStorage();

    private LocalCheckpointStorage() {
    }

    static Path path(String location) {
        return Paths.get(location.startsWith("file://") ? location.substring("file://".length()) : location);
    }

    @Override
    public String resolve(String directory, String name) {
        return path(directory).resolve(name).toString();
    }

    @Override
    public void write(String location, byte[] bytes) throws IOException {
        Path target = path(location);
        Path temp = temporary(target);
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void upload(Path file, String location) throws IOException {
        Path target = path(location);
        Path temp = temporary(target);
        Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path temporary(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        // unique, so that two writers of one object (a retried upload) do not share a temporary file
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    @Override
    public byte[] read(String location) throws IOException {
        return Files.readAllBytes(path(location));
    }

    @Override
    public void download(String location, Path file) throws IOException {
        Files.copy(path(location), file);
    }

    @Override
    public Optional<Path> localFile(String location) {
        return Optional.of(path(location));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        Path dir = path(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(path(location));
    }
}
