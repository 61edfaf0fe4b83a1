package io.weir.executor;

/**
 * Settings of a {@link LocalExecutor}.
 *
 * @param slots how many subtasks the worker runs at once; also caps a vertex's parallelism
 * @param batchSize rows per batch that sources fill (and most operators keep)
 * @param memoryLimitBytes the most Arrow memory all jobs together may allocate
 */
public record ExecutorConfig(int slots, int batchSize, long memoryLimitBytes) {
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
    }

    /** Slots = available processors, 4096-row batches, 1 GiB of Arrow memory. */
    public static ExecutorConfig defaults() {
        return new ExecutorConfig(Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH_SIZE, 1L << 30);
    }

    public ExecutorConfig withBatchSize(int newBatchSize) {
        return new ExecutorConfig(slots, newBatchSize, memoryLimitBytes);
    }
}
