package io.weir.planner;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.JobGraph;
import io.weir.spi.type.RowType;
import java.util.Set;

/**
 * A planned SELECT or INSERT: the job to run, the columns it returns (empty for INSERT), the
 * optimized logical plan for EXPLAIN, the tables it reads that never end, and whether the result
 * is a changelog (its first column is then {@code op}: +I, -U, +U, -D).
 */
public record QueryPlan(JobGraph graph, RowType resultType, String logicalPlan, Set<String> unboundedTables,
        boolean changelogResult) {
    public QueryPlan {
        requireNonNull(graph, "graph is null");
        requireNonNull(resultType, "resultType is null");
        requireNonNull(logicalPlan, "logicalPlan is null");
        unboundedTables = Set.copyOf(requireNonNull(unboundedTables, "unboundedTables is null"));
    }

    /** A plan whose result is not a changelog. */
    public QueryPlan(JobGraph graph, RowType resultType, String logicalPlan, Set<String> unboundedTables) {
        this(graph, resultType, logicalPlan, unboundedTables, false);
    }

    public boolean isBounded() {
        return unboundedTables.isEmpty();
    }
}
