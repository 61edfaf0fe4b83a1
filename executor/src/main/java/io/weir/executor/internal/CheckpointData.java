package io.weir.executor.internal;

import io.weir.spi.connector.Committable;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A completed checkpoint as stored: the state of every subtask's operators (by "vertex/subtask",
 * then by vertex id, then by key group) and the committables each sink vertex staged for it. Written
 * to {@code <dir>/<job id>/chk-<id>} through a temporary file and an atomic rename, so a reader sees a
 * whole checkpoint or none.
 */
public record CheckpointData(long id, Map<String, Map<Integer, Map<Integer, byte[]>>> states,
        Map<Integer, List<Committable>> committables, long timestamp, Map<Integer, String> operators)
        implements Serializable {
    private static final Pattern FILE = Pattern.compile("chk-(\\d+)");

    public static String taskKey(int headVertex, int subtask) {
        return headVertex + "/" + subtask;
    }

    /** Writes this checkpoint atomically under {@code jobDir}; returns its size in bytes. */
    public long write(Path jobDir) throws IOException {
        Files.createDirectories(jobDir);
        Path temp = jobDir.resolve(".chk-" + id + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp); ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(this);
        }
        Path target = jobDir.resolve("chk-" + id);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(target);
    }

    /** Deletes every checkpoint of {@code jobDir} but the newest {@code retained}. */
    public static void prune(Path jobDir, int retained) throws IOException {
        List<Long> ids = ids(jobDir);
        for (int i = 0; i < ids.size() - retained; i++) {
            Files.deleteIfExists(jobDir.resolve("chk-" + ids.get(i)));
        }
    }

    /** The checkpoint (or savepoint) stored in {@code file}. */
    public static CheckpointData read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            return (CheckpointData) objects.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + " is not a Weir checkpoint or savepoint: " + e.getMessage(), e);
        }
    }

    /** The file of the newest complete checkpoint of {@code jobDir}, if any. */
    public static Optional<Path> latestFile(Path jobDir) throws IOException {
        List<Long> ids = ids(jobDir);
        return ids.isEmpty() ? Optional.empty() : Optional.of(jobDir.resolve("chk-" + ids.get(ids.size() - 1)));
    }

    /** The newest complete checkpoint of {@code jobDir}, if any. */
    public static Optional<CheckpointData> latest(Path jobDir) throws IOException {
        List<Long> ids = ids(jobDir);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(jobDir.resolve("chk-" + ids.get(ids.size() - 1)));
                ObjectInputStream objects = new ObjectInputStream(in)) {
            return Optional.of((CheckpointData) objects.readObject());
        } catch (ClassNotFoundException e) {
            throw new IOException("checkpoint of an unknown format in " + jobDir + ": " + e.getMessage(), e);
        }
    }

    private static List<Long> ids(Path jobDir) throws IOException {
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(jobDir)) {
            return files.map(f -> FILE.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        }
    }
}
