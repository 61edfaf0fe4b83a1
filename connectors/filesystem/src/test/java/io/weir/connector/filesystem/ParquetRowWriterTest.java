package io.weir.connector.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported type written by {@link ParquetRowWriter} and read back by DuckDB, an independent reader. */
class ParquetRowWriterTest {
    @TempDir
    Path dir;

    @Test
    void duckDbReadsEveryTypeBack() throws Exception {
        RowType schema = new RowType(List.of(
                new Field("b", DataType.of(TypeKind.BOOLEAN)), new Field("ti", DataType.of(TypeKind.TINYINT)),
                new Field("si", DataType.of(TypeKind.SMALLINT)), new Field("i", DataType.of(TypeKind.INT)),
                new Field("bi", DataType.of(TypeKind.BIGINT)), new Field("f", DataType.of(TypeKind.FLOAT)),
                new Field("d", DataType.of(TypeKind.DOUBLE)), new Field("amount", DataType.decimal(12, 2)),
                new Field("big", DataType.decimal(38, 10)), new Field("s", DataType.of(TypeKind.STRING)),
                new Field("bin", DataType.of(TypeKind.BYTES)), new Field("dt", DataType.of(TypeKind.DATE)),
                new Field("ts", DataType.timestamp(3))));
        List<Object[]> rows = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            LocalDateTime ts = LocalDateTime.of(2026, 11, 23, 10, 0).plusSeconds(n * 37L).plusNanos(n % 1000 * 1_000_000L);
            rows.add(n % 7 == 0 ? new Object[13] : new Object[] {n % 2 == 0, (byte) (n % 128 - 64), (short) (n * 3 - 1500),
                    n * 1000 - 7, (long) n * 1_000_000_007L - 4_000_000_000L, n / 4.0f, n / 3.0,
                    new BigDecimal(n * 37 - 9000).movePointLeft(2), new BigDecimal("-1234567890123456789.0123456789")
                    .add(BigDecimal.valueOf(n)), "row é " + n, new byte[] {(byte) n, 0, (byte) -n},
                    (int) LocalDate.of(2026, 1, 1).plusDays(n).toEpochDay(), ts.toInstant(ZoneOffset.UTC).toEpochMilli()});
        }
        Path file = dir.resolve("all.parquet");
        try (ParquetRowWriter writer = new ParquetRowWriter("t", schema, 64 * 1024, CompressionCodecName.SNAPPY,
                Files.newOutputStream(file))) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.finish();
        }

        List<String> expected = new ArrayList<>();
        for (Object[] r : rows) {
            if (r[0] == null) {
                expected.add("null|null|null|null|null|null|null|null|null|null|null|null|null");
                continue;
            }
            StringBuilder hex = new StringBuilder();
            for (byte x : (byte[]) r[10]) {
                hex.append(String.format("%02x", x));
            }
            expected.add(r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4] + "|" + r[5] + "|" + r[6] + "|"
                    + ((BigDecimal) r[7]).toPlainString() + "|" + ((BigDecimal) r[8]).toPlainString() + "|" + r[9] + "|"
                    + hex + "|" + LocalDate.ofEpochDay((Integer) r[11]) + "|" + r[12]);
        }
        List<String> actual = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT b, ti, si, i, bi, f, d, CAST(amount AS VARCHAR), CAST(big AS VARCHAR), s,"
                     + " lower(hex(bin)), CAST(dt AS VARCHAR), epoch_ms(ts), typeof(amount), typeof(ts), typeof(s)"
                     + " FROM read_parquet('" + file + "')")) {
            while (r.next()) {
                StringBuilder line = new StringBuilder();
                for (int col = 1; col <= 13; col++) {
                    line.append(col > 1 ? "|" : "").append(r.getString(col));
                }
                actual.add(line.toString());
                assertThat(r.getString(14)).isEqualTo("DECIMAL(12,2)");
                assertThat(r.getString(15)).isEqualTo("TIMESTAMP");
                assertThat(r.getString(16)).isEqualTo("VARCHAR");
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
