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

    /** What one new subtask of a vertex gets back: its key groups' entries and its operator-state entries. */
    record Restored(Map<Integer, byte[]> keyed, List<byte[]> operatorState) {
    }

    /**
     * The state subtask {@code subtask} of {@code parallelism} of vertex {@code vertexId} restores, or
     * null when no former subtask stored state for the vertex. Key-group entries are gathered from
     * every former subtask (whatever chain it ran in) and kept when the new subtask owns the key
     * group; {@link io.weir.executor.operator.CheckpointedOperator#OPERATOR_STATE} entries are
     * distributed as {@code CheckpointedOperator#restoreState} says: all of them in former-subtask
     * order when {@code shared}, else former subtask i's to new subtask {@code i % parallelism}. A state
     * backend's handle ({@code KeyedStateBackend#HANDLE}) goes to the same subtask at the same
     * parallelism, else every former subtask's to every new one, under {@code HANDLE - former subtask}.
     */
    Restored stateOf(int vertexId, int subtask, int parallelism, boolean shared) {
        java.util.TreeMap<Integer, Map<Integer, byte[]>> byFormer = new java.util.TreeMap<>();
        states.forEach((taskKey, byVertex) -> {
            Map<Integer, byte[]> entries = byVertex.get(vertexId);
            if (entries != null) {
                byFormer.put(Integer.parseInt(taskKey.substring(taskKey.indexOf('/') + 1)), entries);
            }
        });
        if (byFormer.isEmpty()) {
            return null;
        }
        Map<Integer, byte[]> keyed = new java.util.HashMap<>();
        List<byte[]> operatorState = new java.util.ArrayList<>();
        boolean sameParallelism = byFormer.size() == parallelism;
        byFormer.forEach((former, entries) -> entries.forEach((keyGroup, bytes) -> {
            if (keyGroup <= io.weir.executor.state.KeyedStateBackend.HANDLE) {
                // a backend's handle to a former instance: the own one at the same parallelism, else every
                // one (the backend takes the key groups it owns from each), each under its own key
                if (!sameParallelism) {
                    keyed.put(io.weir.executor.state.KeyedStateBackend.HANDLE - former, bytes);
                } else if (former == subtask) {
                    keyed.put(keyGroup, bytes);
                }
            } else if (keyGroup == io.weir.executor.operator.CheckpointedOperator.OPERATOR_STATE) {
                if (shared || former % parallelism == subtask) {
                    operatorState.add(bytes);
                }
            } else if (KeyGroups.owns(subtask, parallelism, keyGroup)) {
                keyed.put(keyGroup, bytes);
            }
        }));
        return new Restored(keyed, operatorState);
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
