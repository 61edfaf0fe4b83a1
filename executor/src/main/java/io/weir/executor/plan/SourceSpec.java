package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;

/**
 * Reads a table through its connector. The subtasks share the source's splits round-robin.
 *
 * @param schema the physical columns the connector produces (the vertex's output type)
 * @param watermark how the source generates watermarks; null: only the final one at the end of input
 * @param metadataKeys the connector metadata the reader appends after the physical columns, in order
 *     (the schema's last {@code metadataKeys.size()} columns)
 * @param primaryKey the table's declared primary key columns (empty: none; a job graph stored before
 *     the key was recorded reads as empty)
 */
public record SourceSpec(String tableName, String connector, Map<String, String> options, RowType schema,
        List<String> partitionKeys, WatermarkSpec watermark, List<String> metadataKeys, List<String> primaryKey)
        implements OperatorSpec {
    public SourceSpec {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(connector, "connector is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(schema, "schema is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        metadataKeys = metadataKeys == null ? List.of() : List.copyOf(metadataKeys);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }

    /** A source whose table declares no primary key. */
    public SourceSpec(String tableName, String connector, Map<String, String> options, RowType schema,
            List<String> partitionKeys, WatermarkSpec watermark, List<String> metadataKeys) {
        this(tableName, connector, options, schema, partitionKeys, watermark, metadataKeys, List.of());
    }

    /** The columns the connector itself stores: {@link #schema()} without the metadata columns. */
    public RowType physicalSchema() {
        return new RowType(schema.fields().subList(0, schema.size() - metadataKeys.size()));
    }

    /** A source without metadata columns. */
    public SourceSpec(String tableName, String connector, Map<String, String> options, RowType schema,
            List<String> partitionKeys, WatermarkSpec watermark) {
        this(tableName, connector, options, schema, partitionKeys, watermark, List.of());
    }

    /** A source without event time. */
    public SourceSpec(String tableName, String connector, Map<String, String> options, RowType schema,
            List<String> partitionKeys) {
        this(tableName, connector, options, schema, partitionKeys, null);
    }

    @Override
    public String describe() {
        return "Source(table=" + tableName + ", connector=" + connector + ", columns=" + schema.names()
                + (watermark == null ? "" : ", " + watermark) + ")";
    }
}
