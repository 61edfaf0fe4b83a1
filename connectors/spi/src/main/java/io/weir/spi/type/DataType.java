package io.weir.spi.type;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A SQL data type as Flink SQL spells it: {@code DECIMAL(10, 2)}, {@code STRING},
 * {@code TIMESTAMP(3)}, {@code ARRAY<INT>}, {@code ROW<a INT, b STRING>}.
 *
 * <p>{@code precision} is the length for CHAR/STRING (-1 when unbounded), the precision for DECIMAL
 * and the fractional-second digits for TIME and TIMESTAMP; {@code scale} is DECIMAL's scale.
 * {@code children} holds the element type of ARRAY, key and value of MAP, and the fields of ROW.
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable, List<Field> children)
        implements Serializable {

    public DataType {
        requireNonNull(kind, "kind is null");
        children = List.copyOf(requireNonNull(children, "children is null"));
    }

    public static DataType of(TypeKind kind) {
        return switch (kind) {
            case STRING, CHAR -> new DataType(kind, -1, 0, true, List.of());
            case TIMESTAMP, TIMESTAMP_LTZ -> new DataType(kind, 3, 0, true, List.of());
            case DECIMAL -> new DataType(kind, 10, 0, true, List.of());
            default -> new DataType(kind, -1, 0, true, List.of());
        };
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(TypeKind.DECIMAL, precision, scale, true, List.of());
    }

    public static DataType timestamp(int precision) {
        return new DataType(TypeKind.TIMESTAMP, precision, 0, true, List.of());
    }

    public static DataType array(DataType element) {
        return new DataType(TypeKind.ARRAY, -1, 0, true, List.of(new Field("element", element)));
    }

    public static DataType map(DataType key, DataType value) {
        return new DataType(TypeKind.MAP, -1, 0, true, List.of(new Field("key", key), new Field("value", value)));
    }

    public static DataType row(List<Field> fields) {
        return new DataType(TypeKind.ROW, -1, 0, true, fields);
    }

    public DataType withNullable(boolean newNullable) {
        return new DataType(kind, precision, scale, newNullable, children);
    }

    public DataType withPrecision(int newPrecision, int newScale) {
        return new DataType(kind, newPrecision, newScale, nullable, children);
    }

    /** The Flink SQL spelling, e.g. {@code DECIMAL(10, 2) NOT NULL}. */
    @Override
    public String toString() {
        String base = switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case CHAR -> "CHAR(" + Math.max(precision, 1) + ")";
            case STRING -> precision < 0 ? "STRING" : "VARCHAR(" + precision + ")";
            case TIME -> "TIME(" + Math.max(precision, 0) + ")";
            case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
            case TIMESTAMP_LTZ -> "TIMESTAMP_LTZ(" + precision + ")";
            case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND(3)";
            case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
            case ARRAY -> "ARRAY<" + children.get(0).type() + ">";
            case MAP -> "MAP<" + children.get(0).type() + ", " + children.get(1).type() + ">";
            case ROW -> children.stream().map(f -> "`" + f.name() + "` " + f.type())
                    .collect(Collectors.joining(", ", "ROW<", ">"));
            default -> kind.name();
        };
        return nullable ? base : base + " NOT NULL";
    }
}
