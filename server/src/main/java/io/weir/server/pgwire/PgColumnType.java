package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;

/**
 * How a column's type appears in a RowDescription: the PostgreSQL type OID, the type's size
 * ({@code pg_type.typlen}, -1 for variable length) and the type modifier (-1 when none).
 */
public record PgColumnType(int oid, int size, int typmod) {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int JSON = 114;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;

    private static final int VARIABLE = -1;
    private static final int NO_TYPMOD = -1;
    // PostgreSQL's VARHDRSZ, added to lengths and numeric precision/scale in typmods
    private static final int VARHDRSZ = 4;

    /** The PostgreSQL type a column of {@code type} is reported as. */
    public static PgColumnType of(DataType type) {
        requireNonNull(type, "type is null");
        return switch (type.kind()) {
            case BOOLEAN -> new PgColumnType(BOOL, 1, NO_TYPMOD);
            case TINYINT, SMALLINT -> new PgColumnType(INT2, 2, NO_TYPMOD);
            case INT -> new PgColumnType(INT4, 4, NO_TYPMOD);
            case BIGINT -> new PgColumnType(INT8, 8, NO_TYPMOD);
            case FLOAT -> new PgColumnType(FLOAT4, 4, NO_TYPMOD);
            case DOUBLE -> new PgColumnType(FLOAT8, 8, NO_TYPMOD);
            case DECIMAL -> new PgColumnType(NUMERIC, VARIABLE, decimalTypmod(type));
            case CHAR -> new PgColumnType(BPCHAR, VARIABLE, lengthTypmod(Math.max(type.precision(), 1)));
            case STRING -> type.precision() < 0
                    ? new PgColumnType(TEXT, VARIABLE, NO_TYPMOD)
                    : new PgColumnType(VARCHAR, VARIABLE, lengthTypmod(type.precision()));
            case BYTES -> new PgColumnType(BYTEA, VARIABLE, NO_TYPMOD);
            case DATE -> new PgColumnType(DATE, 4, NO_TYPMOD);
            case TIME -> new PgColumnType(TIME, 8, NO_TYPMOD);
            case TIMESTAMP -> new PgColumnType(TIMESTAMP, 8, NO_TYPMOD);
            case TIMESTAMP_LTZ -> new PgColumnType(TIMESTAMPTZ, 8, NO_TYPMOD);
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> new PgColumnType(INTERVAL, 16, NO_TYPMOD);
            case MAP, ROW -> new PgColumnType(JSON, VARIABLE, NO_TYPMOD);
            case ARRAY -> new PgColumnType(arrayOid(type.children().get(0).type()), VARIABLE, NO_TYPMOD);
            case NULL -> new PgColumnType(TEXT, VARIABLE, NO_TYPMOD);
        };
    }

    private static int decimalTypmod(DataType type) {
        if (type.precision() < 1) {
            return NO_TYPMOD;
        }
        return ((type.precision() << 16) | Math.max(type.scale(), 0)) + VARHDRSZ;
    }

    private static int lengthTypmod(int length) {
        return length + VARHDRSZ;
    }

    /** PostgreSQL arrays are multi-dimensional: nested ARRAYs share the innermost element's array type. */
    private static int arrayOid(DataType element) {
        DataType innermost = element;
        while (innermost.kind() == TypeKind.ARRAY) {
            innermost = innermost.children().get(0).type();
        }
        return switch (innermost.kind()) {
            case BOOLEAN -> 1000;
            case BYTES -> 1001;
            case TINYINT, SMALLINT -> 1005;
            case INT -> 1007;
            case BIGINT -> 1016;
            case FLOAT -> 1021;
            case DOUBLE -> 1022;
            case DECIMAL -> 1231;
            case CHAR -> 1014;
            case STRING -> innermost.precision() < 0 ? 1009 : 1015;
            case DATE -> 1182;
            case TIME -> 1183;
            case TIMESTAMP -> 1115;
            case TIMESTAMP_LTZ -> 1185;
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> 1187;
            case MAP, ROW -> 199;
            case ARRAY, NULL -> 1009;
        };
    }
}
