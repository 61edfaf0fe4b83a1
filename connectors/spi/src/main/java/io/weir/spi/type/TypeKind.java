package io.weir.spi.type;

/**
 * The SQL types Weir knows, named as Flink SQL names them.
 *
 * <p>Java value convention (used by sources, sinks, expressions and results alike):
 * BOOLEAN {@code Boolean}, TINYINT {@code Byte}, SMALLINT {@code Short}, INT {@code Integer},
 * BIGINT {@code Long}, FLOAT {@code Float}, DOUBLE {@code Double}, DECIMAL {@code BigDecimal} (at
 * the type's scale), CHAR/STRING {@code String}, BYTES {@code byte[]}, DATE {@code Integer} days
 * since 1970-01-01, TIME {@code Integer} milliseconds of the day, TIMESTAMP and TIMESTAMP_LTZ
 * {@code Long} milliseconds since 1970-01-01T00:00 (UTC for LTZ), INTERVAL_DAY_TIME {@code Long}
 * milliseconds, INTERVAL_YEAR_MONTH {@code Integer} months, ARRAY {@code List}, MAP
 * {@code Map}, ROW {@code List} of field values, NULL only {@code null}.
 */
public enum TypeKind {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INT,
    BIGINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    CHAR,
    STRING,
    BYTES,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMP_LTZ,
    INTERVAL_DAY_TIME,
    INTERVAL_YEAR_MONTH,
    ARRAY,
    MAP,
    ROW,
    NULL;

    public boolean isNumeric() {
        return switch (this) {
            case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    public boolean isCharacter() {
        return this == CHAR || this == STRING;
    }
}
