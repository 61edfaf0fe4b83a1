package io.weir.executor;

/**
 * Settings of a {@link LocalExecutor}.
 *
 * @param slots how many subtasks the worker runs at once; also caps a vertex's parallelism
 * @param batchSize rows per batch that sources fill (and most operators keep)
 * @param memoryLimitBytes the most Arrow memory all jobs together may allocate
 * @param stateDirectory where the worker keeps the working copies of RocksDB state (one folder per
 *     job, one RocksDB instance per operator subtask under it); the server puts it under its data
 *     directory ({@code <data-dir>/state}), the default is {@code weir-state} in the temporary folder
 */
public record ExecutorConfig(int slots, int batchSize, long memoryLimitBytes, java.nio.file.Path stateDirectory) {
    public static final int DEFAULT_BATCH_SIZE = 4096;

    public ExecutorConfig {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (memoryLimitBytes < 1) {
            throw new IllegalArgumentException("memoryLimitBytes must be positive: " + memoryLimitBytes);
        }
        java.util.Objects.requireNonNull(stateDirectory, "stateDirectory is null");
    }

    /** Settings with RocksDB state under {@code weir-state} in the temporary folder. */
    public ExecutorConfig(int slots, int batchSize, long memoryLimitBytes) {
        this(slots, batchSize, memoryLimitBytes, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "weir-state"));
    }

    /** Slots = available processors, 4096-row batches, 1 GiB of Arrow memory. */
    public static ExecutorConfig defaults() {
        return new ExecutorConfig(Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH_SIZE, 1L << 30);
    }

    public ExecutorConfig withBatchSize(int newBatchSize) {
        return new ExecutorConfig(slots, newBatchSize, memoryLimitBytes, stateDirectory);
    }

    public ExecutorConfig withStateDirectory(java.nio.file.Path newStateDirectory) {
        return new ExecutorConfig(slots, batchSize, memoryLimitBytes, newStateDirectory);
    }
}
