package io.weir.spi.connector;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;

/**
 * What a connector knows about the table it serves: its name, the physical columns it reads or
 * writes (computed columns are the planner's business), the validated options, the partition
 * columns, and the metadata keys the table declares ({@code col TYPE METADATA FROM 'key'}), in
 * declaration order, and its {@code PRIMARY KEY} columns (empty when it declares none; an upsert
 * sink writes by them, a lookup source may index by them).
 *
 * <p>Reading, a reader appends one column per metadata key, in this order, after the physical
 * columns (and before the row kind column of a changelog). Writing, a {@code row_kind} column
 * ({@code op STRING METADATA FROM 'row_kind' VIRTUAL}) is filled by the engine, not by the query,
 * with each row's kind as text, and the sink's schema holds it as an ordinary STRING column at its
 * declared place among the physical ones.
 *
 * <p>{@code primaryKey} names the columns of {@code PRIMARY KEY (...) NOT ENFORCED}, in order;
 * empty when the table declares none.
 */
public record TableContext(String tableName, RowType schema, Options options, List<String> partitionKeys,
        List<String> metadataKeys, List<String> primaryKey) {
    public TableContext {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        metadataKeys = List.copyOf(requireNonNull(metadataKeys, "metadataKeys is null"));
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    }

    /** A table without a primary key. */
    public TableContext(String tableName, RowType schema, Options options, List<String> partitionKeys,
            List<String> metadataKeys) {
        this(tableName, schema, options, partitionKeys, metadataKeys, List.of());
    }

    /** A table that declares no metadata columns. */
    public TableContext(String tableName, RowType schema, Options options, List<String> partitionKeys) {
        this(tableName, schema, options, partitionKeys, List.of());
    }
}
