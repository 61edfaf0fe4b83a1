package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import java.io.Serializable;
import java.util.List;

/**
 * One aggregate function call, e.g. {@code SUM(fare)}.
 *
 * @param arguments input column indexes (empty for {@code COUNT(*)})
 * @param distinct whether only distinct argument values count (SINGLE mode only)
 * @param resultType the SQL type of the final value
 */
public record AggregateCall(AggregateFunction function, List<Integer> arguments, boolean distinct,
        DataType resultType, String name) implements Serializable {
    public AggregateCall {
        requireNonNull(function, "function is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(resultType, "resultType is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
        return function + (distinct ? "(DISTINCT " : "(") + arguments + ")";
    }
}
