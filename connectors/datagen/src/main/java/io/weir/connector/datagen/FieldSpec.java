package io.weir.connector.datagen;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * How one column is generated, with every option resolved and checked against the column's type.
 *
 * <p>For a random column {@code min} and {@code max} are the numeric bounds (inclusive; null for
 * non-numeric types); for a sequence column {@code start} and {@code end} are the inclusive bounds,
 * stepping by one. {@code maxPastMillis} applies to DATE, TIME and TIMESTAMP columns, {@code length}
 * to CHAR/STRING and BYTES columns.
 */
record FieldSpec(String name, DataType type, Kind kind, BigDecimal min, BigDecimal max, int length,
        long maxPastMillis, BigDecimal start, BigDecimal end, double nullRate) implements Serializable {

    /** The generator kind, as spelled in {@code fields.#.kind}. */
    enum Kind {
        RANDOM,
        SEQUENCE
    }

    FieldSpec {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
    }

    /** The number of values of a sequence column: {@code end - start + 1}. */
    long sequenceSize() {
        BigDecimal size = end.subtract(start).add(BigDecimal.ONE);
        return size.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : size.longValue();
    }
}
