package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binary encodings of results and parameters, checked against PostgreSQL's documented layouts. */
class PgBinaryFormatTest {
    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void integersAndFloatsAreBigEndian() {
        assertThat(hex(PgBinaryFormat.encode(true, DataType.of(TypeKind.BOOLEAN)))).isEqualTo("01");
        assertThat(hex(PgBinaryFormat.encode((short) -2, DataType.of(TypeKind.SMALLINT)))).isEqualTo("fffe");
        assertThat(hex(PgBinaryFormat.encode(258, DataType.of(TypeKind.INT)))).isEqualTo("00000102");
        assertThat(hex(PgBinaryFormat.encode(1L << 40, DataType.of(TypeKind.BIGINT)))).isEqualTo("0000010000000000");
        assertThat(hex(PgBinaryFormat.encode(1.0, DataType.of(TypeKind.DOUBLE)))).isEqualTo("3ff0000000000000");
        assertThat(hex(PgBinaryFormat.encode(1.0f, DataType.of(TypeKind.FLOAT)))).isEqualTo("3f800000");
        assertThat(PgBinaryFormat.encode(null, DataType.of(TypeKind.INT))).isNull();
    }

    @Test
    void datesAndTimestampsCountFrom2000() {
        int days = (int) LocalDate.of(2000, 1, 3).toEpochDay();
        assertThat(hex(PgBinaryFormat.encode(days, DataType.of(TypeKind.DATE)))).isEqualTo("00000002");
        long millis = LocalDateTime.of(2000, 1, 1, 0, 0, 1, 500_000_000).toInstant(ZoneOffset.UTC).toEpochMilli();
        byte[] encoded = PgBinaryFormat.encode(millis, DataType.timestamp(3));
        assertThat(ByteBuffer.wrap(encoded).getLong()).isEqualTo(1_500_000L);
        long before = LocalDateTime.of(1999, 12, 31, 23, 59, 59).toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(ByteBuffer.wrap(PgBinaryFormat.encode(before, DataType.timestamp(3))).getLong()).isEqualTo(-1_000_000L);
        assertThat(PgBinaryFormat.decode(encoded, PgColumnType.TIMESTAMP, DataType.timestamp(3))).isEqualTo(millis);
        assertThat(PgBinaryFormat.decode(ByteBuffer.allocate(4).putInt(2).array(), PgColumnType.DATE,
                DataType.of(TypeKind.DATE))).isEqualTo(days);
    }

    @Test
    void numericUsesBase10000Digits() {
        // 12345.678: ndigits 3, weight 1, positive, dscale 3, digits 1 2345 6780
        assertThat(hex(PgBinaryFormat.encodeNumeric(new BigDecimal("12345.678"))))
                .isEqualTo("0003" + "0001" + "0000" + "0003" + "0001" + "0929" + "1a7c");
        // -0.05: one digit 500 at weight -1
        assertThat(hex(PgBinaryFormat.encodeNumeric(new BigDecimal("-0.05"))))
                .isEqualTo("0001" + "ffff" + "4000" + "0002" + "01f4");
        assertThat(hex(PgBinaryFormat.encodeNumeric(new BigDecimal("0.00")))).isEqualTo("0000000000000002");
        assertThat(hex(PgBinaryFormat.encodeNumeric(new BigDecimal("20000")))).isEqualTo("0001000100000000" + "0002");
        for (String value : List.of("12345.678", "-0.05", "0.00", "20000", "1e-10", "-987654321.123456789")) {
            BigDecimal decimal = new BigDecimal(value);
            assertThat(PgBinaryFormat.decodeNumeric(PgBinaryFormat.encodeNumeric(decimal))).isEqualTo(
                    decimal.setScale(Math.max(decimal.scale(), 0)));
        }
    }

    @Test
    void textAndArrays() {
        assertThat(new String(PgBinaryFormat.encode("héllo", DataType.of(TypeKind.STRING)), StandardCharsets.UTF_8))
                .isEqualTo("héllo");
        byte[] array = PgBinaryFormat.encode(java.util.Arrays.asList(7, null), DataType.array(DataType.of(TypeKind.INT)));
        assertThat(hex(array)).isEqualTo("00000001" + "00000001" + "00000017" + "00000002" + "00000001"
                + "00000004" + "00000007" + "ffffffff");
    }

    @Test
    void parametersAreDecodedByDeclaredWidthAndConvertedToTheInferredType() {
        byte[] int4 = ByteBuffer.allocate(4).putInt(500).array();
        assertThat(PgBinaryFormat.decode(int4, PgColumnType.INT4, DataType.of(TypeKind.BIGINT))).isEqualTo(500L);
        byte[] int8 = ByteBuffer.allocate(8).putLong(-3).array();
        assertThat(PgBinaryFormat.decode(int8, 0, DataType.of(TypeKind.BIGINT))).isEqualTo(-3L);
        assertThat(PgParameterValues.parseText("500".getBytes(StandardCharsets.UTF_8), DataType.of(TypeKind.INT)))
                .isEqualTo(500);
        assertThat(PgParameterValues.parseText("2026-03-01 10:00:05.25+01".getBytes(StandardCharsets.UTF_8),
                DataType.timestamp(3))).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 0, 5, 250_000_000)
                .toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(PgParameterValues.parseText("2026-03-01 10:00:00+01".getBytes(StandardCharsets.UTF_8),
                DataType.of(TypeKind.TIMESTAMP_LTZ))).isEqualTo(LocalDateTime.of(2026, 3, 1, 9, 0)
                .toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(PgParameterValues.parseText("1.005".getBytes(StandardCharsets.UTF_8), DataType.decimal(10, 2)))
                .isEqualTo(new BigDecimal("1.01"));
        assertThat(PgParameterValues.parseText("\\x0aff".getBytes(StandardCharsets.UTF_8), DataType.of(TypeKind.BYTES)))
                .isEqualTo(new byte[] {0x0a, (byte) 0xff});
        assertThat(PgParameterValues.parseText("on".getBytes(StandardCharsets.UTF_8), DataType.of(TypeKind.BOOLEAN)))
                .isEqualTo(true);
    }
}
