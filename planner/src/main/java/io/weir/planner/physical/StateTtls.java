package io.weir.planner.physical;

import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.plan.Vertex;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the unwindowed stateful vertices of a streaming graph (GroupAggregate, streaming join,
 * Top-N and deduplication) the session's {@code 'table.exec.state.ttl'}, as Flink's planner puts
 * the TTL into those exec nodes. Windowed operators free their state when windows close and get no
 * TTL. Run after {@link ChangelogInference}, which creates those vertices. Stateless.
 */
public final class StateTtls {
    private StateTtls() {
    }

    /** {@code graph} with {@code ttlMillis} in each such vertex's spec; the graph itself when the TTL is 0. */
    public static JobGraph apply(JobGraph graph, long ttlMillis) {
        if (ttlMillis == 0) {
            return graph;
        }
        List<Vertex> vertices = new ArrayList<>();
        for (Vertex vertex : graph.vertices()) {
            OperatorSpec spec = vertex.operator();
            OperatorSpec withTtl = spec instanceof GroupAggregateSpec aggregate ? aggregate.withStateTtl(ttlMillis)
                    : spec instanceof StreamingJoinSpec join ? join.withStateTtl(ttlMillis)
                    : spec instanceof StreamingRankSpec rank ? rank.withStateTtl(ttlMillis)
                    : spec;
            vertices.add(withTtl == spec ? vertex
                    : new Vertex(vertex.id(), vertex.name(), vertex.parallelism(), withTtl, vertex.outputType()));
        }
        return new JobGraph(graph.version(), graph.name(), vertices, graph.edges(), graph.config(),
                graph.functionJars());
    }
}
