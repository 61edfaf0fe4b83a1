package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Filters rows by {@code condition} (null: keep all) and computes {@code projections} over the kept
 * ones. Compiled to bytecode once per subtask.
 */
public record CalcSpec(List<Expr> projections, Expr condition) implements OperatorSpec {
    public CalcSpec {
        projections = List.copyOf(requireNonNull(projections, "projections is null"));
    }

    @Override
    public String describe() {
        String projected = projections.stream().map(Expr::toString).collect(Collectors.joining(", "));
        return "Calc(" + (condition == null ? "" : "where " + condition + ", ") + "select " + projected + ")";
    }
}
