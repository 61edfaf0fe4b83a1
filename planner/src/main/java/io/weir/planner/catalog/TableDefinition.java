package io.weir.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table created with {@code CREATE TABLE}: its columns, event-time watermark, keys, connector
 * options, and the statement that created it (what the catalog stores and SHOW CREATE TABLE shows).
 */
public record TableDefinition(String name, List<Column> columns, Optional<Watermark> watermark,
        List<String> primaryKey, List<String> partitionKeys, Map<String, String> options, String comment,
        String ddl) {
    public TableDefinition {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(watermark, "watermark is null");
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(ddl, "ddl is null");
    }

    /** {@code WATERMARK FOR column AS expression}. */
    public record Watermark(String column, String expression) {
    }

    public String connector() {
        return options.getOrDefault("connector", "");
    }

    /** The columns the connector reads and writes, in declaration order. */
    public RowType physicalRowType() {
        return new RowType(columns.stream().filter(c -> c instanceof Column.Physical)
                .map(c -> new Field(c.name(), c.type())).toList());
    }

    /**
     * What a scan of the table reads from its connector: the physical columns, then the metadata
     * columns (in declaration order), which the reader appends after the physical ones.
     */
    public RowType sourceRowType() {
        List<Field> fields = new java.util.ArrayList<>(physicalRowType().fields());
        columns.stream().filter(c -> c instanceof Column.Metadata).forEach(c -> fields.add(new Field(c.name(), c.type())));
        return new RowType(fields);
    }

    /** The keys of the metadata columns, in declaration order (one per column of {@link #sourceRowType()} after the physical ones). */
    public List<String> metadataKeys() {
        return columns.stream().filter(c -> c instanceof Column.Metadata).map(c -> ((Column.Metadata) c).key()).toList();
    }

    /** Every column a query sees: physical, computed and metadata, in declaration order. */
    public RowType rowType() {
        return new RowType(columns.stream().map(c -> new Field(c.name(), c.type())).toList());
    }

    public boolean hasOnlyPhysicalColumns() {
        return columns.stream().allMatch(c -> c instanceof Column.Physical);
    }
}
