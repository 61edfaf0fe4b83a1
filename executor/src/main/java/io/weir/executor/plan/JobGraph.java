package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the executor runs: a DAG of parallel vertices connected by exchanges. Built by the planner,
 * immutable and serializable, with no planner types in it, so it can be shipped to workers and
 * stored with a job. {@link #CURRENT_VERSION} changes whenever the shape of a vertex or of its state
 * changes.
 *
 * @param name human-readable job name, e.g. {@code insert-into_oslo} or {@code collect}
 * @param config job options from the session ({@code parallelism.default}, {@code execution.runtime-mode}, ...)
 * @param functionJars the jars of the user-defined functions the graph's expressions call
 */
public record JobGraph(int version, String name, List<Vertex> vertices, List<Edge> edges, Map<String, String> config,
        List<FunctionJar> functionJars) implements Serializable {
    public static final int CURRENT_VERSION = 1;

    public JobGraph {
        requireNonNull(name, "name is null");
        vertices = List.copyOf(requireNonNull(vertices, "vertices is null"));
        edges = List.copyOf(requireNonNull(edges, "edges is null"));
        config = Map.copyOf(requireNonNull(config, "config is null"));
        // null when read from a graph stored before functions existed
        functionJars = functionJars == null ? List.of() : List.copyOf(functionJars);
    }

    public JobGraph(int version, String name, List<Vertex> vertices, List<Edge> edges, Map<String, String> config) {
        this(version, name, vertices, edges, config, List.of());
    }

    public JobGraph withFunctionJars(List<FunctionJar> jars) {
        return new JobGraph(version, name, vertices, edges, config, jars);
    }

    public Vertex vertex(int id) {
        for (Vertex vertex : vertices) {
            if (vertex.id() == id) {
                return vertex;
            }
        }
        throw new IllegalArgumentException("no vertex " + id);
    }

    /** Edges into {@code vertexId}, ordered by their input index. */
    public List<Edge> inputsOf(int vertexId) {
        return edges.stream().filter(e -> e.target() == vertexId)
                .sorted((a, b) -> Integer.compare(a.targetInput(), b.targetInput())).toList();
    }

    public List<Edge> outputsOf(int vertexId) {
        return edges.stream().filter(e -> e.source() == vertexId).toList();
    }

    /** A readable listing, one vertex per line with its parallelism and inputs, for EXPLAIN. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Vertex vertex : vertices) {
            text.append(vertex.id()).append(": ").append(vertex.name()).append(" [parallelism=")
                    .append(vertex.parallelism()).append("]");
            for (Edge edge : inputsOf(vertex.id())) {
                text.append(" <- ").append(edge.source()).append(" ").append(edge.kind());
                if (!edge.hashKeys().isEmpty()) {
                    text.append(edge.hashKeys());
                }
            }
            text.append("\n    ").append(vertex.operator().describe()).append("\n");
        }
        return text.toString();
    }
}
