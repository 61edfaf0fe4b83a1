package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * A connection from every subtask of {@code source} to the subtasks of {@code target}.
 *
 * @param targetInput which input of the target this edge feeds (0 for single-input operators; the
 *     branch index for a union)
 * @param hashKeys for {@link ExchangeKind#HASH}: the columns whose values pick the target subtask
 */
public record Edge(int source, int target, int targetInput, ExchangeKind kind, List<Integer> hashKeys)
        implements Serializable {
    public Edge {
        requireNonNull(kind, "kind is null");
        hashKeys = List.copyOf(requireNonNull(hashKeys, "hashKeys is null"));
    }
}
