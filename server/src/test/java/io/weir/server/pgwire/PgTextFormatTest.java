package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgTextFormatTest {
    private static String format(Object value, TypeKind kind) {
        return PgTextFormat.format(value, DataType.of(kind));
    }

    @Test
    void nullIsSqlNullForEveryType() {
        for (TypeKind kind : TypeKind.values()) {
            if (kind != TypeKind.ARRAY && kind != TypeKind.MAP && kind != TypeKind.ROW) {
                assertThat(format(null, kind)).as(kind.name()).isNull();
            }
        }
        assertThat(PgTextFormat.format(null, DataType.array(DataType.of(TypeKind.INT)))).isNull();
    }

    @Test
    void booleansAndNumbers() {
        assertThat(format(true, TypeKind.BOOLEAN)).isEqualTo("t");
        assertThat(format(false, TypeKind.BOOLEAN)).isEqualTo("f");
        assertThat(format((byte) -5, TypeKind.TINYINT)).isEqualTo("-5");
        assertThat(format(Long.MIN_VALUE, TypeKind.BIGINT)).isEqualTo("-9223372036854775808");
        assertThat(format(new BigDecimal("1E+3"), TypeKind.DECIMAL)).isEqualTo("1000");
        assertThat(format(new BigDecimal("0.0100"), TypeKind.DECIMAL)).isEqualTo("0.0100");
    }

    @Test
    void doublesUseShortestRoundTripLikePostgres() {
        assertThat(PgTextFormat.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(PgTextFormat.formatDouble(1.0)).isEqualTo("1");
        assertThat(PgTextFormat.formatDouble(-2.5)).isEqualTo("-2.5");
        assertThat(PgTextFormat.formatDouble(100_000_000_000_000.0)).isEqualTo("100000000000000");
        assertThat(PgTextFormat.formatDouble(1e15)).isEqualTo("1e+15");
        assertThat(PgTextFormat.formatDouble(1.5e300)).isEqualTo("1.5e+300");
        assertThat(PgTextFormat.formatDouble(0.0001)).isEqualTo("0.0001");
        assertThat(PgTextFormat.formatDouble(0.00001)).isEqualTo("1e-05");
        assertThat(PgTextFormat.formatDouble(0.0)).isEqualTo("0");
        assertThat(PgTextFormat.formatDouble(-0.0)).isEqualTo("-0");
        assertThat(PgTextFormat.formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(PgTextFormat.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PgTextFormat.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(PgTextFormat.formatFloat(1.1f)).isEqualTo("1.1");
        assertThat(PgTextFormat.formatFloat(100_000f)).isEqualTo("100000");
        assertThat(PgTextFormat.formatFloat(1_000_000f)).isEqualTo("1e+06");
    }

    @Test
    void datesTimesAndTimestamps() {
        assertThat(format(0, TypeKind.DATE)).isEqualTo("1970-01-01");
        assertThat(format(-719_528, TypeKind.DATE)).isEqualTo("0001-01-01 BC");
        assertThat(format(0, TypeKind.TIME)).isEqualTo("00:00:00");
        assertThat(format(45_296_120, TypeKind.TIME)).isEqualTo("12:34:56.12");
        assertThat(format(1_704_164_645_000L, TypeKind.TIMESTAMP)).isEqualTo("2024-01-02 03:04:05");
        assertThat(format(-1L, TypeKind.TIMESTAMP)).isEqualTo("1969-12-31 23:59:59.999");
        assertThat(format(1_704_164_645_100L, TypeKind.TIMESTAMP_LTZ)).isEqualTo("2024-01-02 03:04:05.1+00");
    }

    @Test
    void intervals() {
        assertThat(format(14, TypeKind.INTERVAL_YEAR_MONTH)).isEqualTo("1 year 2 mons");
        assertThat(format(-3, TypeKind.INTERVAL_YEAR_MONTH)).isEqualTo("-3 mons");
        assertThat(format(0, TypeKind.INTERVAL_YEAR_MONTH)).isEqualTo("00:00:00");
        assertThat(format(93_784_500L, TypeKind.INTERVAL_DAY_TIME)).isEqualTo("1 day 02:03:04.5");
        assertThat(format(-1_000L, TypeKind.INTERVAL_DAY_TIME)).isEqualTo("-00:00:01");
        assertThat(format(172_800_000L, TypeKind.INTERVAL_DAY_TIME)).isEqualTo("2 days");
    }

    @Test
    void bytesAsHex() {
        assertThat(format(new byte[] {0, 15, (byte) 0xAB}, TypeKind.BYTES)).isEqualTo("\\x000fab");
        assertThat(format(new byte[0], TypeKind.BYTES)).isEqualTo("\\x");
    }

    @Test
    void arraysQuoteWhenNeeded() {
        DataType strings = DataType.array(DataType.of(TypeKind.STRING));
        assertThat(PgTextFormat.format(Arrays.asList("a", "b c", "", "NULL", "x\"y", "p,q", null), strings))
                .isEqualTo("{a,\"b c\",\"\",\"NULL\",\"x\\\"y\",\"p,q\",NULL}");
        DataType nested = DataType.array(DataType.array(DataType.of(TypeKind.INT)));
        assertThat(PgTextFormat.format(List.of(List.of(1, 2), List.of(3, 4)), nested)).isEqualTo("{{1,2},{3,4}}");
        assertThat(PgTextFormat.format(List.of(true), DataType.array(DataType.of(TypeKind.BOOLEAN)))).isEqualTo("{t}");
    }

    @Test
    void mapsAndRowsAsJson() {
        DataType row = DataType.row(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
                new Field("tags", DataType.array(DataType.of(TypeKind.STRING))),
                new Field("at", DataType.of(TypeKind.DATE)),
                new Field("ratio", DataType.of(TypeKind.DOUBLE))));
        assertThat(PgTextFormat.format(Arrays.asList(1L, List.of("a\"b"), 0, Double.NaN), row))
                .isEqualTo("{\"id\":1,\"tags\":[\"a\\\"b\"],\"at\":\"1970-01-01\",\"ratio\":\"NaN\"}");
        DataType map = DataType.map(DataType.of(TypeKind.INT), DataType.of(TypeKind.BOOLEAN));
        assertThat(PgTextFormat.format(Map.of(1, true), map)).isEqualTo("{\"1\":true}");
    }

    @Test
    void columnTypesMapToPostgresOids() {
        assertThat(PgColumnType.of(DataType.decimal(10, 2))).isEqualTo(new PgColumnType(1700, -1, (10 << 16 | 2) + 4));
        assertThat(PgColumnType.of(new DataType(TypeKind.STRING, 20, 0, true, List.of())))
                .isEqualTo(new PgColumnType(1043, -1, 24));
        assertThat(PgColumnType.of(DataType.of(TypeKind.STRING))).isEqualTo(new PgColumnType(25, -1, -1));
        assertThat(PgColumnType.of(DataType.of(TypeKind.TINYINT)).oid()).isEqualTo(21);
        assertThat(PgColumnType.of(DataType.array(DataType.of(TypeKind.BIGINT))).oid()).isEqualTo(1016);
        assertThat(PgColumnType.of(DataType.array(DataType.of(TypeKind.TIMESTAMP_LTZ))).oid()).isEqualTo(1185);
        assertThat(PgColumnType.of(DataType.map(DataType.of(TypeKind.STRING), DataType.of(TypeKind.INT))).oid())
                .isEqualTo(114);
    }
}
