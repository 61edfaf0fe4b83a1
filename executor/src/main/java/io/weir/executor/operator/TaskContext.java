package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.Vertex;
import io.weir.spi.type.RowType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator instance knows about where it runs.
 *
 * @param inputTypes the row type of each input, by input index
 * @param allocator the job's allocator; batches of every operator come from it
 * @param cancellation tells long-running or blocking operator code to stop
 */
public record TaskContext(String jobId, Vertex vertex, int subtaskIndex, List<RowType> inputTypes,
        BufferAllocator allocator, int batchSize, Cancellation cancellation) {
    public TaskContext {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(vertex, "vertex is null");
        inputTypes = List.copyOf(requireNonNull(inputTypes, "inputTypes is null"));
        requireNonNull(allocator, "allocator is null");
        requireNonNull(cancellation, "cancellation is null");
    }

    public int parallelism() {
        return vertex.parallelism();
    }

    public RowType outputType() {
        return vertex.outputType();
    }
}
