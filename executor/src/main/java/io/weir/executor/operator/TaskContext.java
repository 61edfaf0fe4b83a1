package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.Vertex;
import io.weir.spi.type.RowType;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator instance knows about where it runs.
 *
 * @param inputTypes the row type of each input, by input index
 * @param allocator the job's allocator; batches of every operator come from it
 * @param cancellation tells long-running or blocking operator code to stop
 * @param lateRowsDropped the vertex's count of rows dropped as late (shared by its subtasks)
 * @param stateBackends makes the keyed state backend of a stateful operator (the job's {@code state.backend.type})
 * @param clock processing time (epoch millis) for operators that stamp or expire state; tests pass a manual one
 */
public record TaskContext(String jobId, Vertex vertex, int subtaskIndex, List<RowType> inputTypes,
        BufferAllocator allocator, int batchSize, Cancellation cancellation, LongAdder lateRowsDropped,
        io.weir.executor.state.StateBackendFactory stateBackends, ProcessingClock clock) {
    public TaskContext {
        requireNonNull(clock, "clock is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(vertex, "vertex is null");
        inputTypes = List.copyOf(requireNonNull(inputTypes, "inputTypes is null"));
        requireNonNull(allocator, "allocator is null");
        requireNonNull(cancellation, "cancellation is null");
        requireNonNull(lateRowsDropped, "lateRowsDropped is null");
        requireNonNull(stateBackends, "stateBackends is null");
    }

    /** A context on the system clock. */
    public TaskContext(String jobId, Vertex vertex, int subtaskIndex, List<RowType> inputTypes,
            BufferAllocator allocator, int batchSize, Cancellation cancellation, LongAdder lateRowsDropped,
            io.weir.executor.state.StateBackendFactory stateBackends) {
        this(jobId, vertex, subtaskIndex, inputTypes, allocator, batchSize, cancellation, lateRowsDropped,
                stateBackends, ProcessingClock.SYSTEM);
    }

    /** A context whose operators keep keyed state on the heap. */
    public TaskContext(String jobId, Vertex vertex, int subtaskIndex, List<RowType> inputTypes,
            BufferAllocator allocator, int batchSize, Cancellation cancellation, LongAdder lateRowsDropped) {
        this(jobId, vertex, subtaskIndex, inputTypes, allocator, batchSize, cancellation, lateRowsDropped,
                io.weir.executor.state.StateBackendFactory.HEAP);
    }

    /** A new keyed state backend for this subtask; the operator closes it when it closes. */
    public io.weir.executor.state.KeyedStateBackend newStateBackend() {
        return stateBackends.create(vertex.id(), subtaskIndex, vertex.parallelism());
    }

    /** A context whose late-row count nobody reads (tests, operators without event time). */
    public TaskContext(String jobId, Vertex vertex, int subtaskIndex, List<RowType> inputTypes,
            BufferAllocator allocator, int batchSize, Cancellation cancellation) {
        this(jobId, vertex, subtaskIndex, inputTypes, allocator, batchSize, cancellation, new LongAdder());
    }

    /** This context for an operator inside the vertex's that emits {@code type} (a sliced window's PARTIAL aggregates). */
    public TaskContext withOutputType(RowType type) {
        Vertex inner = new Vertex(vertex.id(), vertex.name(), vertex.parallelism(), vertex.operator(), type);
        return new TaskContext(jobId, inner, subtaskIndex, inputTypes, allocator, batchSize, cancellation,
                lateRowsDropped, stateBackends, clock);
    }

    public int parallelism() {
        return vertex.parallelism();
    }

    public RowType outputType() {
        return vertex.outputType();
    }
}
