/**
 * Type name specifications for the Flink data types that Calcite's grammar lacks: {@code STRING},
 * {@code BYTES}, {@code TIMESTAMP_LTZ(p)}, {@code ARRAY<T>}, {@code MAP<K, V>} and
 * {@code ROW<name type, ...>}.
 *
 * <p>Element and field types are {@link org.apache.calcite.sql.SqlDataTypeSpec}s whose
 * nullability is explicit ({@code NOT NULL} gives {@code false}, otherwise {@code true}), and each
 * spec unparses in the Flink spelling so that the text re-parses to an equal spec.
 */
package io.weir.parser.type;
