package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;

/** Writes its input into a table through the table's connector, committing at the end of input. */
public record SinkSpec(String tableName, String connector, Map<String, String> options, RowType schema,
        List<String> partitionKeys) implements OperatorSpec {
    public SinkSpec {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(connector, "connector is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(schema, "schema is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
    }

    @Override
    public String describe() {
        return "Sink(table=" + tableName + ", connector=" + connector + ")";
    }
}
