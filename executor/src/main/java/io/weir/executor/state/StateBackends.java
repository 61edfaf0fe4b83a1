package io.weir.executor.state;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reads {@code 'state.backend.type'} ({@code hashmap}, the default, or {@code rocksdb}) and makes the job's factory. */
public final class StateBackends {
    public static final String OPTION = "state.backend.type";

    private StateBackends() {
    }

    /** Whether the job keeps its keyed state in RocksDB; a value other than hashmap or rocksdb fails naming the option. */
    public static boolean rocksDb(Map<String, String> config) {
        String value = config.getOrDefault(OPTION, "hashmap").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "hashmap" -> false;
            case "rocksdb" -> true;
            default -> throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '" + value
                    + "' for option '" + OPTION + "': expected one of hashmap, rocksdb");
        };
    }

    /** As {@link #factory(Map, Path, String, CheckpointDirectory)} with a local checkpoint folder. */
    public static StateBackendFactory factory(Map<String, String> config, Path stateDirectory, String jobId,
            Path checkpointDirectory) {
        return factory(config, stateDirectory, jobId, CheckpointDirectory.local(checkpointDirectory));
    }

    /**
     * The factory of job {@code jobId}: RocksDB instances under {@code stateDirectory/<job id>/},
     * snapshotting into {@code checkpointDirectory} (the job's folder of the checkpoint storage).
     */
    public static StateBackendFactory factory(Map<String, String> config, Path stateDirectory, String jobId,
            CheckpointDirectory checkpointDirectory) {
        if (!rocksDb(config)) {
            return StateBackendFactory.HEAP;
        }
        Path jobDirectory = stateDirectory.resolve(jobId);
        return (vertexId, subtask, parallelism) -> new RocksDbStateBackend(jobDirectory.resolve(vertexId + "-" + subtask
                + "-" + UUID.randomUUID().toString().substring(0, 8)), checkpointDirectory, subtask, parallelism);
    }
}
