package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's binary format ({@code typsend}/{@code typreceive}) for Java values per the
 * {@link TypeKind} convention: big-endian integers and IEEE floats, numeric as base-10000 digits,
 * date as days and timestamp as microseconds since 2000-01-01, bytea and text as their bytes,
 * one-dimensional arrays with a header.
 *
 * <p>Stateless and thread-safe; {@link #encode} is called once per binary value of every row sent.
 */
public final class PgBinaryFormat {
    /** Days from 1970-01-01 (the Java epoch) to 2000-01-01 (PostgreSQL's). */
    static final int EPOCH_DAYS = 10_957;
    /** Milliseconds from 1970-01-01T00:00 to 2000-01-01T00:00. */
    static final long EPOCH_MILLIS = EPOCH_DAYS * 86_400_000L;

    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private PgBinaryFormat() {
    }

    /** The binary form of {@code value}, a column of {@code type}; {@code null} for SQL NULL. */
    public static byte[] encode(Object value, DataType type) {
        requireNonNull(type, "type is null");
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case TINYINT, SMALLINT -> ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case INT -> ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case BIGINT -> ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case FLOAT -> ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case DOUBLE -> ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case DECIMAL -> encodeNumeric((BigDecimal) value);
            case BYTES -> (byte[]) value;
            case DATE -> ByteBuffer.allocate(4).putInt(((Number) value).intValue() - EPOCH_DAYS).array();
            case TIME -> ByteBuffer.allocate(8).putLong(((Number) value).longValue() * 1000).array();
            case TIMESTAMP, TIMESTAMP_LTZ ->
                    ByteBuffer.allocate(8).putLong((((Number) value).longValue() - EPOCH_MILLIS) * 1000).array();
            case INTERVAL_DAY_TIME -> ByteBuffer.allocate(16).putLong(((Number) value).longValue() * 1000)
                    .putInt(0).putInt(0).array();
            case INTERVAL_YEAR_MONTH -> ByteBuffer.allocate(16).putLong(0).putInt(0)
                    .putInt(((Number) value).intValue()).array();
            case ARRAY -> encodeArray((List<?>) value, type.children().get(0).type());
            case CHAR, STRING, MAP, ROW, NULL -> {
                String text = PgTextFormat.format(value, type);
                yield text.getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** numeric_send: ndigits, weight, sign, dscale, then the base-10000 digits. */
    static byte[] encodeNumeric(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        BigDecimal scaled = value.abs().setScale(dscale);
        // work on an integer that is the value times 10000^k, with k whole groups of fraction digits
        int fractionGroups = (dscale + 3) / 4;
        BigInteger unscaled = scaled.movePointRight(fractionGroups * 4).toBigIntegerExact();
        List<Short> groups = new ArrayList<>();
        while (unscaled.signum() > 0) {
            BigInteger[] division = unscaled.divideAndRemainder(TEN_THOUSAND);
            groups.add(0, division[1].shortValue());
            unscaled = division[0];
        }
        int weight = groups.size() - 1 - fractionGroups;
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * groups.size());
        out.putShort((short) groups.size());
        out.putShort((short) weight);
        out.putShort(value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        out.putShort((short) dscale);
        groups.forEach(out::putShort);
        return out.array();
    }

    /** numeric_recv, the inverse of {@link #encodeNumeric}. */
    static BigDecimal decodeNumeric(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int count = in.getShort();
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int dscale = in.getShort();
        if (sign == 0xC000) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "numeric NaN is not supported; send NULL instead");
        }
        BigDecimal result = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            BigDecimal digit = BigDecimal.valueOf(in.getShort());
            result = result.add(digit.scaleByPowerOfTen(4 * (weight - i)));
        }
        result = result.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return sign == (NUMERIC_NEGATIVE & 0xFFFF) ? result.negate() : result;
    }

    private static byte[] encodeArray(List<?> list, DataType element) {
        if (element.kind() == TypeKind.ARRAY) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "nested arrays are not supported in binary format yet; request text format for this column");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hasNull = list.contains(null);
        ByteBuffer header = ByteBuffer.allocate(20);
        header.putInt(1).putInt(hasNull ? 1 : 0).putInt(PgColumnType.of(element).oid()).putInt(list.size()).putInt(1);
        out.writeBytes(header.array());
        for (Object item : list) {
            byte[] encoded = encode(item, element);
            out.writeBytes(ByteBuffer.allocate(4).putInt(encoded == null ? -1 : encoded.length).array());
            if (encoded != null) {
                out.writeBytes(encoded);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads a parameter sent in binary format as a value of {@code type}; {@code oid} is the type
     * the client declared (0 when it declared none), which decides the width of integers and floats.
     */
    public static Object decode(byte[] bytes, int oid, DataType type) {
        requireNonNull(bytes, "bytes is null");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Object raw = switch (oid) {
            case PgColumnType.BOOL -> bytes.length == 1 ? bytes[0] != 0 : badLength(oid, bytes);
            case PgColumnType.INT2 -> bytes.length == 2 ? (Object) (long) in.getShort() : badLength(oid, bytes);
            case PgColumnType.INT4 -> bytes.length == 4 ? (Object) (long) in.getInt() : badLength(oid, bytes);
            case PgColumnType.INT8 -> bytes.length == 8 ? (Object) in.getLong() : badLength(oid, bytes);
            case PgColumnType.FLOAT4 -> bytes.length == 4 ? (Object) (double) in.getFloat() : badLength(oid, bytes);
            case PgColumnType.FLOAT8 -> bytes.length == 8 ? (Object) in.getDouble() : badLength(oid, bytes);
            case PgColumnType.NUMERIC -> decodeNumeric(bytes);
            case PgColumnType.DATE -> bytes.length == 4 ? (Object) (in.getInt() + EPOCH_DAYS) : badLength(oid, bytes);
            case PgColumnType.TIMESTAMP, PgColumnType.TIMESTAMPTZ ->
                    bytes.length == 8 ? (Object) (Math.floorDiv(in.getLong(), 1000) + EPOCH_MILLIS) : badLength(oid, bytes);
            case PgColumnType.TIME -> bytes.length == 8 ? (Object) (int) (in.getLong() / 1000) : badLength(oid, bytes);
            case PgColumnType.BYTEA -> bytes;
            case PgColumnType.TEXT, PgColumnType.VARCHAR, PgColumnType.BPCHAR, PgColumnType.JSON, 0 ->
                    oid == 0 ? decodeByType(bytes, type) : new String(bytes, StandardCharsets.UTF_8);
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "binary parameters of type OID " + oid
                    + " are not supported yet; send them in text format");
        };
        return PgParameterValues.convert(raw, type);
    }

    /** A binary parameter with no declared type: its width follows the inferred type. */
    private static Object decodeByType(byte[] bytes, DataType type) {
        int oid = switch (type.kind()) {
            case CHAR, STRING -> PgColumnType.TEXT;
            default -> PgColumnType.of(type).oid();
        };
        if (oid == 0 || oid == PgColumnType.TEXT) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return decode(bytes, oid, type);
    }

    private static Object badLength(int oid, byte[] bytes) {
        throw new WeirException(ErrorCode.PROTOCOL_VIOLATION, "incorrect binary data format in bind parameter: "
                + bytes.length + " bytes for type OID " + oid);
    }
}
