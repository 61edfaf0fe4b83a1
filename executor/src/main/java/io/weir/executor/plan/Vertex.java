package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.io.Serializable;

/**
 * One node of a {@link JobGraph}: an operator run as {@code parallelism} subtasks.
 *
 * @param id unique in the graph, stable for the same SQL (it will name the operator's state)
 * @param outputType the columns of the batches this vertex emits; when the last one is
 *     {@code $row_kind} the vertex emits a changelog (see {@link io.weir.spi.batch.RowKind} and
 *     {@link OperatorSpec})
 */
public record Vertex(int id, String name, int parallelism, OperatorSpec operator, RowType outputType)
        implements Serializable {
    public Vertex {
        requireNonNull(name, "name is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(outputType, "outputType is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
    }
}
