package io.weir.connector.print;

import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Renders a row as Flink's print sink does, {@code +I[1, Oslo, 12.50]}, with values as Flink's
 * {@code CAST(x AS STRING)} spells them: NULL {@code NULL}, DECIMAL plain at its scale, DATE
 * {@code 2026-03-01}, TIME {@code 10:00:00}, TIMESTAMP(p) {@code 2026-03-01 10:00:00.000} (exactly
 * p fraction digits), TIMESTAMP_LTZ the same in UTC, BYTES {@code x'0a1b'}. The prefix is the row
 * kind ({@code +I}, {@code -U}, {@code +U}, {@code -D}) from the batch's {@code $row_kind} column after the
 * table's columns, or {@code +I} for an insert-only batch.
 */
final class RowFormatter {
    private final RowType schema;
    private final DateTimeFormatter[] timeFormats;

    RowFormatter(RowType schema) {
        this.schema = schema;
        this.timeFormats = new DateTimeFormatter[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            DataType type = schema.type(i);
            int digits = Math.max(0, Math.min(9, type.precision()));
            switch (type.kind()) {
                case TIME -> timeFormats[i] = withFraction(new DateTimeFormatterBuilder(), digits);
                case TIMESTAMP, TIMESTAMP_LTZ -> timeFormats[i] = withFraction(new DateTimeFormatterBuilder()
                        .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' '), digits);
                default -> timeFormats[i] = null;
            }
        }
    }

    private static DateTimeFormatter withFraction(DateTimeFormatterBuilder builder, int digits) {
        builder.appendPattern("HH:mm:ss");
        if (digits > 0) {
            builder.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
        }
        return builder.toFormatter(Locale.ROOT);
    }

    void append(StringBuilder out, VectorSchemaRoot batch, int row) {
        RowKind kind = RowKind.INSERT;
        if (batch.getFieldVectors().size() > schema.size()) {
            kind = RowKind.fromByteValue(((Number) BatchValues.get(batch.getVector(schema.size()), row)).byteValue());
        }
        out.append(kind.shortString()).append('[');
        for (int i = 0; i < schema.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object value = BatchValues.get(batch.getVector(i), row);
            out.append(value == null ? "NULL" : format(i, schema.type(i), value));
        }
        out.append(']');
    }

    private String format(int column, DataType type, Object value) {
        return switch (type.kind()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BYTES -> hex((byte[]) value);
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            case TIME -> timeFormats[column].format(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
            case TIMESTAMP, TIMESTAMP_LTZ -> {
                long millis = ((Number) value).longValue();
                yield timeFormats[column].format(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                        (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC));
            }
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2 + 3).append("x'");
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return out.append('\'').toString();
    }
}
