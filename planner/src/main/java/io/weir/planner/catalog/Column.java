package io.weir.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;

/** A column of a catalog table: stored by the connector, computed from others, or connector metadata. */
public sealed interface Column permits Column.Physical, Column.Computed, Column.Metadata {
    String name();

    DataType type();

    /** A column the connector reads and writes. */
    record Physical(String name, DataType type, String comment) implements Column {
        public Physical {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** {@code name AS expression}: computed on read from the other columns, never written. */
    record Computed(String name, DataType type, String expression) implements Column {
        public Computed {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(expression, "expression is null");
        }
    }

    /** {@code name type METADATA [FROM 'key'] [VIRTUAL]}: a value the connector supplies beside the row. */
    record Metadata(String name, DataType type, String key, boolean virtual) implements Column {
        public Metadata {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(key, "key is null");
        }
    }
}
