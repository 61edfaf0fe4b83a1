package io.weir.planner;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.util.Map;
import java.util.Optional;

/**
 * What a statement with dynamic parameters ({@code ?}) needs and returns, found by validation
 * alone (no job is planned or run).
 *
 * @param parameterTypes the type of each {@code ?}, by its 0-based index in the statement text
 * @param resultType the columns a query returns; empty for INSERT
 */
public record StatementDescription(Map<Integer, DataType> parameterTypes, Optional<RowType> resultType) {
    public StatementDescription {
        parameterTypes = Map.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
        requireNonNull(resultType, "resultType is null");
    }
}
