package io.weir.executor.plan;

/** UNION ALL: passes the rows of every input through, unchanged and unordered. */
public record UnionSpec(int inputs) implements OperatorSpec {
    @Override
    public String describe() {
        return "Union(inputs=" + inputs + ")";
    }
}
