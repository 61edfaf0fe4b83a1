package io.weir.server.pgcatalog;

import io.weir.server.pgwire.PgColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL types Weir's columns are reported as (see {@link PgColumnType}): their OIDs, names,
 * storage lengths, categories and array types, for {@code pg_type} and {@code format_type}.
 */
final class PgTypes {
    /** One row of {@code pg_type}. */
    record Type(int oid, String name, int length, String category, int arrayOid, int elementOid) {
    }

    static final Map<Integer, Type> BY_OID = new LinkedHashMap<>();

    static {
        for (Type type : List.of(
                new Type(PgColumnType.BOOL, "bool", 1, "B", 1000, 0),
                new Type(PgColumnType.BYTEA, "bytea", -1, "U", 1001, 0),
                new Type(18, "char", 1, "Z", 1002, 0),
                new Type(19, "name", 64, "S", 1003, 0),
                new Type(PgColumnType.INT8, "int8", 8, "N", 1016, 0),
                new Type(PgColumnType.INT2, "int2", 2, "N", 1005, 0),
                new Type(PgColumnType.INT4, "int4", 4, "N", 1007, 0),
                new Type(PgColumnType.TEXT, "text", -1, "S", 1009, 0),
                new Type(26, "oid", 4, "N", 1028, 0),
                new Type(PgColumnType.JSON, "json", -1, "U", 199, 0),
                new Type(PgColumnType.FLOAT4, "float4", 4, "N", 1021, 0),
                new Type(PgColumnType.FLOAT8, "float8", 8, "N", 1022, 0),
                new Type(PgColumnType.BPCHAR, "bpchar", -1, "S", 1014, 0),
                new Type(PgColumnType.VARCHAR, "varchar", -1, "S", 1015, 0),
                new Type(PgColumnType.DATE, "date", 4, "D", 1182, 0),
                new Type(PgColumnType.TIME, "time", 8, "D", 1183, 0),
                new Type(PgColumnType.TIMESTAMP, "timestamp", 8, "D", 1115, 0),
                new Type(PgColumnType.TIMESTAMPTZ, "timestamptz", 8, "D", 1185, 0),
                new Type(PgColumnType.INTERVAL, "interval", 16, "T", 1187, 0),
                new Type(PgColumnType.NUMERIC, "numeric", -1, "N", 1231, 0),
                new Type(1000, "_bool", -1, "A", 0, PgColumnType.BOOL),
                new Type(1001, "_bytea", -1, "A", 0, PgColumnType.BYTEA),
                new Type(1005, "_int2", -1, "A", 0, PgColumnType.INT2),
                new Type(1007, "_int4", -1, "A", 0, PgColumnType.INT4),
                new Type(1009, "_text", -1, "A", 0, PgColumnType.TEXT),
                new Type(1016, "_int8", -1, "A", 0, PgColumnType.INT8),
                new Type(1021, "_float4", -1, "A", 0, PgColumnType.FLOAT4),
                new Type(1022, "_float8", -1, "A", 0, PgColumnType.FLOAT8),
                new Type(1015, "_varchar", -1, "A", 0, PgColumnType.VARCHAR),
                new Type(1231, "_numeric", -1, "A", 0, PgColumnType.NUMERIC))) {
            BY_OID.put(type.oid(), type);
        }
    }

    private PgTypes() {
    }

    /** As PostgreSQL's {@code format_type(oid, typmod)}: {@code numeric(10,2)}, {@code character varying(20)}, … */
    static String format(int oid, int typmod) {
        return switch (oid) {
            case PgColumnType.BOOL -> "boolean";
            case PgColumnType.INT2 -> "smallint";
            case PgColumnType.INT4 -> "integer";
            case PgColumnType.INT8 -> "bigint";
            case PgColumnType.FLOAT4 -> "real";
            case PgColumnType.FLOAT8 -> "double precision";
            case PgColumnType.NUMERIC -> typmod < 4 ? "numeric"
                    : "numeric(" + ((typmod - 4) >> 16) + "," + ((typmod - 4) & 0xffff) + ")";
            case PgColumnType.VARCHAR -> typmod < 4 ? "character varying" : "character varying(" + (typmod - 4) + ")";
            case PgColumnType.BPCHAR -> typmod < 4 ? "character" : "character(" + (typmod - 4) + ")";
            case PgColumnType.TIMESTAMP -> "timestamp without time zone";
            case PgColumnType.TIMESTAMPTZ -> "timestamp with time zone";
            case PgColumnType.TIME -> "time without time zone";
            default -> {
                Type type = BY_OID.get(oid);
                if (type == null) {
                    yield "???";
                }
                yield type.elementOid() != 0 ? format(type.elementOid(), typmod) + "[]" : type.name();
            }
        };
    }
}
