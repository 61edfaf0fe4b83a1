package io.weir.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;

/** A view created with {@code CREATE VIEW name AS query}: expanded into every query that reads it. */
public record ViewDefinition(String name, String query, RowType rowType, String ddl) {
    public ViewDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(rowType, "rowType is null");
        requireNonNull(ddl, "ddl is null");
    }
}
