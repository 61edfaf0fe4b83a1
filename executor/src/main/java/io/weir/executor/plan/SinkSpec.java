package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;

/**
 * Writes its input into a table through the table's connector, committing at the end of input.
 *
 * <p>A table's virtual {@code row_kind} metadata column ({@code op STRING METADATA FROM 'row_kind'
 * VIRTUAL}) is written as an ordinary column of {@code schema} at its declared place: the planner
 * fills it with the row kind's text ({@code +I}, {@code -U}, {@code +U}, {@code -D}), so the sink's
 * input is then insert-only.
 *
 * @param schema the columns the sink writes, in declaration order: the physical ones and the
 *     metadata columns named by {@code metadataColumns}
 * @param metadataKeys the metadata key of each metadata column of {@code schema}, in order
 * @param metadataColumns the names of those columns, aligned with {@code metadataKeys}
 * @param primaryKey the table's PRIMARY KEY columns (empty: none); an upsert sink writes by them
 */
public record SinkSpec(String tableName, String connector, Map<String, String> options, RowType schema,
        List<String> partitionKeys, List<String> metadataKeys, List<String> metadataColumns, List<String> primaryKey)
        implements OperatorSpec {
    public SinkSpec {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(connector, "connector is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(schema, "schema is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        metadataKeys = List.copyOf(requireNonNull(metadataKeys, "metadataKeys is null"));
        metadataColumns = List.copyOf(requireNonNull(metadataColumns, "metadataColumns is null"));
        if (metadataKeys.size() != metadataColumns.size()) {
            throw new IllegalArgumentException("metadataKeys " + metadataKeys + " and metadataColumns "
                    + metadataColumns + " differ in length");
        }
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }

    /** A sink without metadata columns. */
    public SinkSpec(String tableName, String connector, Map<String, String> options, RowType schema,
            List<String> partitionKeys) {
        this(tableName, connector, options, schema, partitionKeys, List.of(), List.of(), List.of());
    }

    /** The index in {@code schema} of the column holding metadata {@code key}, or -1. */
    public int metadataColumn(String key) {
        int i = metadataKeys.indexOf(key);
        return i < 0 ? -1 : schema.names().indexOf(metadataColumns.get(i));
    }

    @Override
    public String describe() {
        return "Sink(table=" + tableName + ", connector=" + connector + ")";
    }
}
