package io.weir.executor.internal;

import io.weir.executor.state.CheckpointDirectory;
import io.weir.spi.checkpoint.CheckpointStorage;
import io.weir.spi.connector.Committable;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A completed checkpoint as stored: the state of every subtask's operators (by "vertex/subtask",
 * then by vertex id, then by key group) and the committables each sink vertex staged for it. Written
 * to {@code <dir>/<job id>/chk-<id>} of its checkpoint storage as one atomic write (a local rename, one
 * S3 PUT), so a reader sees a whole checkpoint or none.
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

    /** Writes this checkpoint atomically into {@code jobDir} as {@code chk-<id>}; returns its size in bytes. */
    public long write(CheckpointDirectory jobDir) throws IOException {
        byte[] bytes = bytes();
        jobDir.storage().write(jobDir.resolve("chk-" + id), bytes);
        return bytes.length;
    }

    /** This checkpoint serialized as it is stored. */
    public byte[] bytes() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(this);
        }
        return out.toByteArray();
    }

    /** A checkpoint (or savepoint) from its stored bytes; {@code where} names it in the error. */
    public static CheckpointData of(byte[] bytes, String where) throws IOException {
        try (ObjectInputStream objects = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (CheckpointData) objects.readObject();
        } catch (ClassNotFoundException | ClassCastException | java.io.StreamCorruptedException e) {
            throw new IOException(where + " is not a Weir checkpoint or savepoint: " + e.getMessage(), e);
        }
    }

    /** The checkpoint (or savepoint) stored in local {@code file}. */
    public static CheckpointData read(Path file) throws IOException {
        return of(Files.readAllBytes(file), file.toString());
    }

    /** The checkpoint (or savepoint) stored at {@code location} of {@code storage}. */
    public static CheckpointData read(CheckpointStorage storage, String location) throws IOException {
        return of(storage.read(location), location);
    }

    /** The location of the newest complete checkpoint of {@code jobDir}, if any. */
    public static Optional<String> latestLocation(CheckpointDirectory jobDir) throws IOException {
        List<Long> ids = ids(jobDir);
        return ids.isEmpty() ? Optional.empty() : Optional.of(jobDir.resolve("chk-" + ids.get(ids.size() - 1)));
    }

    /** The newest complete checkpoint of {@code jobDir}, if any. */
    public static Optional<CheckpointData> latest(CheckpointDirectory jobDir) throws IOException {
        Optional<String> location = latestLocation(jobDir);
        return location.isEmpty() ? Optional.empty() : Optional.of(read(jobDir.storage(), location.get()));
    }

    /** The ids of the complete checkpoints of {@code jobDir}, oldest first. */
    public static List<Long> ids(CheckpointDirectory jobDir) throws IOException {
        return jobDir.storage().list(jobDir.location()).stream().map(FILE::matcher).filter(Matcher::matches)
                .map(m -> Long.parseLong(m.group(1))).sorted().toList();
    }
}
