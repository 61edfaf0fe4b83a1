package io.weir.spi.connector;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;

/**
 * What a connector knows about the table it serves: its name, the physical columns it reads or
 * writes (computed columns are the planner's business), the validated options and the partition
 * columns.
 */
public record TableContext(String tableName, RowType schema, Options options, List<String> partitionKeys) {
    public TableContext {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
    }
}
