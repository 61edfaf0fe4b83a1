package io.weir.executor.state;

/**
 * Creates the keyed state backend of one operator subtask of a job, as the job's
 * {@code 'state.backend.type'} says. Thread-safe; called on each subtask's thread.
 */
@FunctionalInterface
public interface StateBackendFactory {
    /** Keeps state on the heap (tests and jobs without the option). */
    StateBackendFactory HEAP = (vertexId, subtask, parallelism) -> new HeapStateBackend();

    /** The backend of subtask {@code subtask} of {@code parallelism} of vertex {@code vertexId}. */
    KeyedStateBackend create(int vertexId, int subtask, int parallelism);
}
