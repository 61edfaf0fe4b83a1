package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.readAll;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.TableSink;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet as a bounded source: every type the sink writes reads back identically (partition values
 * from the directory names included), and a file DuckDB wrote — its own encodings: DECIMAL over
 * INT64, TIMESTAMP in micros, TIME, TIMESTAMPTZ — reads as DuckDB itself reads it.
 */
class ParquetSourceTest {
    static final RowType ALL_TYPES = new RowType(List.of(
            new Field("b", DataType.of(TypeKind.BOOLEAN)), new Field("ti", DataType.of(TypeKind.TINYINT)),
            new Field("si", DataType.of(TypeKind.SMALLINT)), new Field("i", DataType.of(TypeKind.INT)),
            new Field("bi", DataType.of(TypeKind.BIGINT)), new Field("f", DataType.of(TypeKind.FLOAT)),
            new Field("d", DataType.of(TypeKind.DOUBLE)), new Field("amount", DataType.decimal(12, 2)),
            new Field("big", DataType.decimal(38, 10)), new Field("s", DataType.of(TypeKind.STRING)),
            new Field("c", new DataType(TypeKind.CHAR, 3, 0, true, List.of())),
            new Field("bin", DataType.of(TypeKind.BYTES)), new Field("dt", DataType.of(TypeKind.DATE)),
            new Field("t", DataType.of(TypeKind.TIME)), new Field("ts", DataType.timestamp(3)),
            new Field("ltz", DataType.of(TypeKind.TIMESTAMP_LTZ)), new Field("part", DataType.of(TypeKind.STRING))));

    @TempDir
    Path dir;
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /** Rows of {@link #ALL_TYPES}: every seventh all NULL but its partition, the others varied. */
    static List<List<Object>> allTypeRows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String part = "p" + (n % 3);
            if (n % 7 == 0) {
                Object[] nulls = new Object[ALL_TYPES.size()];
                nulls[nulls.length - 1] = part;
                rows.add(Arrays.asList(nulls));
                continue;
            }
            rows.add(Arrays.asList(n % 2 == 0, (byte) (n % 128 - 64), (short) (n * 3 - 1500), n * 1000 - 7,
                    (long) n * 1_000_000_007L - 4_000_000_000L, n / 4.0f, n / 3.0,
                    new BigDecimal(n * 37 - 9000).movePointLeft(2),
                    new BigDecimal("-1234567890123456789.0123456789").add(BigDecimal.valueOf(n)), "row é " + n,
                    "c" + (n % 10) + "x", new byte[] {(byte) n, 0, (byte) -n},
                    (int) LocalDate.of(2026, 1, 1).plusDays(n).toEpochDay(), (n * 7919) % 86_400_000,
                    1_790_000_000_000L + n * 37_001L, 1_700_000_000_000L - n * 3_333L, part));
        }
        return rows;
    }

    /** A row as comparable text (byte arrays as hex). */
    static String show(List<Object> row) {
        StringBuilder line = new StringBuilder();
        for (Object value : row) {
            line.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
                    .append('|');
        }
        return line.toString();
    }

    @Test
    void everyTypeTheSinkWritesReadsBackIdentically() {
        List<List<Object>> rows = allTypeRows(2000);
        var context = context(ALL_TYPES, Map.of("path", dir.toString(), "format", "parquet"), List.of("part"));
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableSink sink = factory.createSink(context);
        sink.commit(write(sink, ALL_TYPES, rows, 2, allocator));

        List<String> read = readAll(factory.createSource(context), ALL_TYPES, allocator).stream()
                .map(ParquetSourceTest::show).sorted().toList();
        assertThat(read).isEqualTo(rows.stream().map(ParquetSourceTest::show).sorted().toList());
    }

    @Test
    void aFileWrittenByDuckDbReadsAsDuckDbReadsIt() throws Exception {
        Path file = dir.resolve("duck.parquet");
        RowType schema = new RowType(List.of(new Field("b", DataType.of(TypeKind.BOOLEAN)),
                new Field("ti", DataType.of(TypeKind.TINYINT)), new Field("i", DataType.of(TypeKind.INT)),
                new Field("bi", DataType.of(TypeKind.BIGINT)), new Field("d", DataType.of(TypeKind.DOUBLE)),
                new Field("amount", DataType.decimal(12, 2)), new Field("big", DataType.decimal(38, 10)),
                new Field("s", DataType.of(TypeKind.STRING)), new Field("bin", DataType.of(TypeKind.BYTES)),
                new Field("dt", DataType.of(TypeKind.DATE)), new Field("t", DataType.of(TypeKind.TIME)),
                new Field("ts", DataType.timestamp(3)), new Field("ltz", DataType.of(TypeKind.TIMESTAMP_LTZ)),
                new Field("missing", DataType.of(TypeKind.STRING))));
        List<String> expected = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE v AS SELECT CASE WHEN g % 5 = 0 THEN NULL ELSE g % 2 = 0 END AS b, "
                    + "CAST(g % 100 - 50 AS TINYINT) AS ti, CAST(g * 3 AS INTEGER) AS i, g * 1000003 AS bi, "
                    + "g / 7.0 AS d, CAST(g * 1.25 AS DECIMAL(12, 2)) AS amount, "
                    + "CAST(g * 1234567890123.0123456789 AS DECIMAL(38, 10)) AS big, CASE WHEN g % 4 = 0 THEN NULL ELSE 'x' || g END AS s, "
                    + "CAST('ab' || g AS BLOB) AS bin, DATE '2026-01-01' + CAST(g AS INTEGER) AS dt, "
                    + "TIME '00:00:00' + INTERVAL (g * 1234) MILLISECOND AS t, "
                    + "TIMESTAMP '2026-03-01 00:00:00' + INTERVAL (g * 1001) MILLISECOND AS ts, "
                    + "TIMESTAMPTZ '2026-03-01 00:00:00+00' + INTERVAL (g * 7) SECOND AS ltz "
                    + "FROM range(0, 3000) r(g)");
            s.execute("COPY v TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
            try (ResultSet r = s.executeQuery("SELECT b, ti, i, bi, d, CAST(amount AS VARCHAR), CAST(big AS VARCHAR), "
                    + "s, hex(bin), dt - DATE '1970-01-01', CAST(epoch(t) * 1000 AS INTEGER), "
                    + "epoch_ms(ts), epoch_ms(ltz) FROM read_parquet('" + file + "')")) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int col = 1; col <= 13; col++) {
                        Object value = switch (col) {
                            case 1 -> r.getBoolean(col);
                            case 2 -> (byte) r.getInt(col);
                            case 3, 10, 11 -> r.getInt(col);
                            case 4, 12, 13 -> r.getLong(col);
                            case 5 -> r.getDouble(col);
                            case 6, 7 -> r.getString(col) == null ? null : new BigDecimal(r.getString(col))
                                    .setScale(col == 6 ? 2 : 10);
                            case 9 -> r.getString(col) == null ? null : HexFormat.of().parseHex(r.getString(col));
                            default -> r.getString(col);
                        };
                        row.add(r.wasNull() ? null : value);
                    }
                    row.add(null);
                    expected.add(show(row));
                }
            }
        }
        var context = context(schema, Map.of("path", file.toString(), "format", "parquet"), List.of());
        List<String> read = readAll(new FileSystemTableFactory().createSource(context), schema, allocator).stream()
                .map(ParquetSourceTest::show).toList();
        assertThat(read).hasSize(3000).isEqualTo(expected);
    }

    @Test
    void aColumnTheFileHoldsAsAnotherTypeFailsNamingIt() throws Exception {
        Path file = dir.resolve("typed.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 'text' AS id) TO '" + file + "' (FORMAT parquet)");
        }
        RowType schema = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT))));
        var context = context(schema, Map.of("path", file.toString(), "format", "parquet"), List.of());
        assertThatThrownBy(() -> readAll(new FileSystemTableFactory().createSource(context), schema, allocator))
                .isInstanceOf(WeirException.class).hasMessageContaining("Column 'id' is declared BIGINT")
                .hasMessageContaining(file.toString());
    }
}
