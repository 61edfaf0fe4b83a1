package io.weir.connector.postgrescdc;

import static io.weir.connector.postgrescdc.CdcTestSupport.Change;
import static io.weir.connector.postgrescdc.CdcTestSupport.connect;
import static io.weir.connector.postgrescdc.CdcTestSupport.context;
import static io.weir.connector.postgrescdc.CdcTestSupport.drain;
import static io.weir.connector.postgrescdc.CdcTestSupport.execute;
import static io.weir.connector.postgrescdc.CdcTestSupport.options;
import static io.weir.connector.postgrescdc.CdcTestSupport.reader;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL type the connector maps, read once from the snapshot and once from the stream:
 * both must give the same values, and those must equal what PgJDBC's typed getters read from the
 * same rows (an independent decoder). Also the metadata columns and REPLICA IDENTITY DEFAULT.
 */
class PostgresCdcTypesIT {
    private static final String COLUMNS = "b BOOLEAN, i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION, "
            + "n NUMERIC(20, 4), t TEXT, v VARCHAR(20), d DATE, tm TIME(3), ts TIMESTAMP(3), tz TIMESTAMPTZ(3), "
            + "u UUID, j JSON, jb JSONB, by BYTEA, ai INTEGER[], at TEXT[]";
    private static final RowType TYPES = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.INT).withNullable(false)),
            new Field("b", DataType.of(TypeKind.BOOLEAN)), new Field("i2", DataType.of(TypeKind.SMALLINT)),
            new Field("i4", DataType.of(TypeKind.INT)), new Field("i8", DataType.of(TypeKind.BIGINT)),
            new Field("f4", DataType.of(TypeKind.FLOAT)), new Field("f8", DataType.of(TypeKind.DOUBLE)),
            new Field("n", DataType.decimal(20, 4)), new Field("t", DataType.of(TypeKind.STRING)),
            new Field("v", DataType.of(TypeKind.STRING)), new Field("d", DataType.of(TypeKind.DATE)),
            new Field("tm", DataType.of(TypeKind.TIME).withPrecision(3, 0)), new Field("ts", DataType.timestamp(3)),
            new Field("tz", DataType.of(TypeKind.TIMESTAMP_LTZ)), new Field("u", DataType.of(TypeKind.STRING)),
            new Field("j", DataType.of(TypeKind.STRING)), new Field("jb", DataType.of(TypeKind.STRING)),
            new Field("by", DataType.of(TypeKind.BYTES)), new Field("ai", DataType.array(DataType.of(TypeKind.INT))),
            new Field("at", DataType.array(DataType.of(TypeKind.STRING)))));
    private static final String[] VALUES = {
        "true, 32767, -2147483648, 9223372036854775807, 1.5, 3.141592653589793, 12345678901234.5678, 'plain', "
                + "'varchar', DATE '2024-02-29', TIME '23:59:58.123', TIMESTAMP '2024-03-10 02:30:00.456', "
                + "TIMESTAMPTZ '2024-03-10 02:30:00.456+05:30', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "
                + "'{\"a\": [1, 2]}', '{\"b\": {\"c\": null}}', '\\x00ff10', '{1,NULL,-3}', "
                + "'{\"with space\",\"quote\\\"d\",NULL,\"{braces}\",plain}'",
        "false, -1, 0, -1, -0.25, 1e-300, -0.0001, 'é ü 中文 😀', '', DATE '1970-01-01', TIME '00:00:00', "
                + "TIMESTAMP '1969-12-31 23:59:59.999', TIMESTAMPTZ '1999-12-31 23:59:59.999-08', "
                + "'00000000-0000-0000-0000-000000000000', '[]', '[]', '\\x', '{}', '{}'",
        "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                + "NULL, NULL"};

    private static PostgresCluster cluster;
    private static Connection admin;
    private static BufferAllocator allocator;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
        try (Connection postgres = connect(cluster.jdbcUrl("postgres"))) {
            execute(postgres, "CREATE DATABASE shop");
        }
        admin = connect(cluster.jdbcUrl("shop"));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (admin != null) {
            CdcTestSupport.dropSlots(admin);
            admin.close();
        }
        if (allocator != null) {
            allocator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void snapshotAndStreamDecodeEveryTypeAlikeAndAsPgJdbcDoes() throws Exception {
        execute(admin, "SET TIME ZONE 'Europe/Berlin'", "CREATE TABLE types (id INT PRIMARY KEY, " + COLUMNS + ")",
                "ALTER TABLE types REPLICA IDENTITY FULL");
        for (int i = 0; i < VALUES.length; i++) {
            execute(admin, "INSERT INTO types VALUES (" + i + ", " + VALUES[i] + ")");
        }
        var context = context(TYPES, options(cluster.port(), "types", "slot_types"), List.of("id"),
                List.of("table_name", "op_ts", "lsn"));
        RowType batchType = RowKind.withRowKind(new RowType(concat(TYPES.fields(), List.of(
                new Field("table_name", DataType.of(TypeKind.STRING)),
                new Field("op_ts", DataType.of(TypeKind.TIMESTAMP_LTZ)),
                new Field("lsn", DataType.of(TypeKind.BIGINT))))));
        List<Change> changes = new ArrayList<>();
        try (SourceReader reader = reader(context, 1, null)) {
            drain(reader, batchType, allocator, 100, changes, c -> c.size() == VALUES.length, 0, 60_000);
            long beforeCommit = System.currentTimeMillis();
            for (int i = 0; i < VALUES.length; i++) {
                execute(admin, "INSERT INTO types VALUES (" + (100 + i) + ", " + VALUES[i] + ")");
            }
            drain(reader, batchType, allocator, 100, changes, c -> c.size() == 2 * VALUES.length, 0, 60_000);
            long afterCommit = System.currentTimeMillis();
            for (int i = 0; i < VALUES.length; i++) {
                List<Object> snapshotRow = changes.get(i).values();
                List<Object> streamRow = changes.get(VALUES.length + i).values();
                List<Object> expected = jdbcRow(i);
                assertThat(comparable(snapshotRow.subList(1, TYPES.size()))).as("snapshot row " + i)
                        .isEqualTo(comparable(expected));
                assertThat(comparable(streamRow.subList(1, TYPES.size()))).as("streamed row " + i)
                        .isEqualTo(comparable(expected));
                assertThat(snapshotRow.get(TYPES.size())).isEqualTo("types");
                assertThat(snapshotRow.get(TYPES.size() + 1)).as("op_ts of a snapshot row").isEqualTo(0L);
                assertThat((Long) streamRow.get(TYPES.size() + 1)).isBetween(beforeCommit - 2000, afterCommit + 2000);
                assertThat((Long) streamRow.get(TYPES.size() + 2)).isGreaterThan((Long) snapshotRow.get(TYPES.size() + 2));
            }
        }
    }

    @Test
    void replicaIdentityDefaultGivesTheKeyAndNullsInOldRows() throws Exception {
        execute(admin, "CREATE TABLE plain (id BIGINT PRIMARY KEY, name TEXT, n INT)",
                "INSERT INTO plain VALUES (1, 'one', 1), (2, 'two', 2)");
        RowType schema = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT).withNullable(false)),
                new Field("name", DataType.of(TypeKind.STRING)), new Field("n", DataType.of(TypeKind.INT))));
        var context = context(schema, options(cluster.port(), "plain", "slot_plain"), List.of("id"), List.of());
        List<Change> changes = new ArrayList<>();
        try (SourceReader reader = reader(context, 1, null)) {
            drain(reader, RowKind.withRowKind(schema), allocator, 100, changes, c -> c.size() == 2, 0, 60_000);
            execute(admin, "UPDATE plain SET n = 10 WHERE id = 1", "DELETE FROM plain WHERE id = 2",
                    "UPDATE plain SET id = 3 WHERE id = 1");
            drain(reader, RowKind.withRowKind(schema), allocator, 100, changes, c -> c.size() == 7, 0, 60_000);
        }
        assertThat(changes.subList(2, 7)).containsExactly(
                new Change(RowKind.UPDATE_BEFORE, Arrays.asList(1L, null, null)),
                new Change(RowKind.UPDATE_AFTER, Arrays.asList(1L, "one", 10)),
                new Change(RowKind.DELETE, Arrays.asList(2L, null, null)),
                new Change(RowKind.DELETE, Arrays.asList(1L, null, null)),
                new Change(RowKind.INSERT, Arrays.asList(3L, "one", 10)));
    }

    /** Row {@code id} through PgJDBC's typed getters, converted to Weir's value convention. */
    private static List<Object> jdbcRow(int id) throws Exception {
        try (Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT b, i2, i4, i8, f4, f8, n, t, v, d, tm, ts, "
                        + "tz, u, j, jb, by, ai, at FROM types WHERE id = " + id)) {
            rows.next();
            List<Object> row = new ArrayList<>();
            row.add(rows.getObject(1) == null ? null : rows.getBoolean(1));
            row.add(rows.getObject(2) == null ? null : rows.getShort(2));
            row.add(rows.getObject(3) == null ? null : rows.getInt(3));
            row.add(rows.getObject(4) == null ? null : rows.getLong(4));
            row.add(rows.getObject(5) == null ? null : rows.getFloat(5));
            row.add(rows.getObject(6) == null ? null : rows.getDouble(6));
            row.add(rows.getBigDecimal(7));
            row.add(rows.getString(8));
            row.add(rows.getString(9));
            LocalDate date = rows.getObject(10, LocalDate.class);
            row.add(date == null ? null : (int) date.toEpochDay());
            LocalTime time = rows.getObject(11, LocalTime.class);
            row.add(time == null ? null : (int) (time.toNanoOfDay() / 1_000_000));
            LocalDateTime timestamp = rows.getObject(12, LocalDateTime.class);
            row.add(timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC).toEpochMilli());
            OffsetDateTime zoned = rows.getObject(13, OffsetDateTime.class);
            row.add(zoned == null ? null : zoned.toInstant().toEpochMilli());
            row.add(rows.getString(14));
            row.add(rows.getString(15));
            row.add(rows.getString(16));
            row.add(rows.getBytes(17));
            // arrays as ARRAY<INT> and ARRAY<STRING> columns, element by element as PgJDBC reads them
            row.add(list(rows.getArray(18)));
            row.add(list(rows.getArray(19)));
            return row;
        }
    }

    private static List<Object> list(Array array) throws Exception {
        return array == null ? null : Arrays.asList((Object[]) array.getArray());
    }

    /** Values with arrays compared by content: bytes as hex, decimals by value, lists element-wise. */
    private static List<Object> comparable(List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (Object value : row) {
            if (value instanceof byte[] bytes) {
                out.add("0x" + HexFormat.of().formatHex(bytes));
            } else if (value instanceof BigDecimal decimal) {
                out.add(decimal.stripTrailingZeros().toPlainString());
            } else if (value instanceof List<?> list) {
                out.add(new ArrayList<>(list).stream().map(v -> v == null ? "null" : v.toString()).toList());
            } else {
                out.add(value == null ? null : value.toString());
            }
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
