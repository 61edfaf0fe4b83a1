package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;

/**
 * Writes its input into a table through the table's connector, committing at the end of input.
 *
 * @param metadataKeys the writable metadata the sink takes after the physical columns, in order
 * @param primaryKey the table's PRIMARY KEY columns (empty: none); an upsert sink writes by them
 */
public record SinkSpec(String tableName, String connector, Map<String, String> options, RowType schema,
        List<String> partitionKeys, List<String> metadataKeys, List<String> primaryKey) implements OperatorSpec {
    public SinkSpec {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(connector, "connector is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(schema, "schema is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        metadataKeys = List.copyOf(requireNonNull(metadataKeys, "metadataKeys is null"));
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }

    /** A sink of a table without a primary key. */
    public SinkSpec(String tableName, String connector, Map<String, String> options, RowType schema,
            List<String> partitionKeys, List<String> metadataKeys) {
        this(tableName, connector, options, schema, partitionKeys, metadataKeys, List.of());
    }

    /** A sink without metadata columns. */
    public SinkSpec(String tableName, String connector, Map<String, String> options, RowType schema,
            List<String> partitionKeys) {
        this(tableName, connector, options, schema, partitionKeys, List.of());
    }

    @Override
    public String describe() {
        return "Sink(table=" + tableName + ", connector=" + connector + ")";
    }
}
