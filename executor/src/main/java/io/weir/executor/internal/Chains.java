package io.weir.executor.internal;

import io.weir.executor.plan.Edge;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.Vertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a graph's vertices into chains that one thread runs: a vertex joins its input's chain when
 * that is its only input, the edge is FORWARD, the parallelisms are equal and the input feeds nothing
 * else (source → calc → partial aggregate, for example).
 */
public final class Chains {
    private Chains() {
    }

    public static List<List<Vertex>> of(JobGraph graph) {
        Map<Integer, Integer> chainedSuccessor = new HashMap<>();
        List<Integer> chainedToInput = new ArrayList<>();
        for (Vertex vertex : graph.vertices()) {
            List<Edge> inputs = graph.inputsOf(vertex.id());
            if (inputs.size() != 1) {
                continue;
            }
            Edge edge = inputs.get(0);
            Vertex upstream = graph.vertex(edge.source());
            if (edge.kind() == ExchangeKind.FORWARD && upstream.parallelism() == vertex.parallelism()
                    && graph.outputsOf(upstream.id()).size() == 1) {
                chainedSuccessor.put(upstream.id(), vertex.id());
                chainedToInput.add(vertex.id());
            }
        }
        List<List<Vertex>> chains = new ArrayList<>();
        for (Vertex vertex : graph.vertices()) {
            if (chainedToInput.contains(vertex.id())) {
                continue;
            }
            List<Vertex> chain = new ArrayList<>();
            Integer next = vertex.id();
            while (next != null) {
                chain.add(graph.vertex(next));
                next = chainedSuccessor.get(next);
            }
            chains.add(chain);
        }
        return chains;
    }
}
