package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableSink;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet sink options: {@code 'parquet.compression'} (the codec DuckDB reports for every column
 * chunk), a bad codec named with the allowed ones, and rolling by {@code file-size} and
 * {@code rollover-interval} (every rolled file whole and readable, no row lost or doubled).
 */
class ParquetOptionsTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("name", DataType.of(TypeKind.STRING))));

    @TempDir
    Path dir;
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(List.of(i, "name " + i % 100));
        }
        return rows;
    }

    private static Map<String, String> options(Path path, String... more) {
        Map<String, String> options = new HashMap<>(Map.of("path", path.toString(), "format", "parquet"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "uncompressed", "ZSTD"})
    void theCodecIsTheOneDuckDbReports(String codec) throws Exception {
        Path out = dir.resolve(codec);
        var context = context(SCHEMA, options(out, "parquet.compression", codec), List.of());
        TableSink sink = new FileSystemTableFactory().createSink(context);
        sink.commit(write(sink, SCHEMA, rows(5000), 1, allocator));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + out
                        + "/*.parquet')")) {
            List<String> codecs = new ArrayList<>();
            while (r.next()) {
                codecs.add(r.getString(1));
            }
            assertThat(codecs).containsExactly(codec.toUpperCase(java.util.Locale.ROOT));
        }
        assertThat(duckCount(out)).isEqualTo(5000);
    }

    @Test
    void aBadCodecIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> context(SCHEMA, options(dir, "parquet.compression", "lzo"), List.of()))
                .isInstanceOf(WeirException.class).hasMessageContaining("'parquet.compression'")
                .hasMessageContaining("lzo").hasMessageContaining("snappy, zstd, gzip, uncompressed");
    }

    @Test
    void filesRollAtTheConfiguredSizeAndEachIsWhole() throws Exception {
        Path out = dir.resolve("rolled");
        var context = context(SCHEMA, options(out, "sink.rolling-policy.file-size", "16kb", "parquet.block.size",
                "8kb"), List.of());
        TableSink sink = new FileSystemTableFactory().createSink(context);
        sink.commit(write(sink, SCHEMA, rows(20_000), 1, allocator));
        List<Path> files = parquetFiles(out);
        assertThat(files).hasSizeGreaterThan(3);
        assertThat(duckCount(out)).isEqualTo(20_000);
        assertThat(duckDistinctIds(out)).isEqualTo(20_000);
    }

    @Test
    void aFileOpenLongerThanTheRolloverIntervalRollsAtTheNextBatch() throws Exception {
        Path out = dir.resolve("interval");
        var context = context(SCHEMA, options(out, "sink.rolling-policy.rollover-interval", "200 ms"), List.of());
        TableSink sink = new FileSystemTableFactory().createSink(context);
        List<Committable> committables = new ArrayList<>();
        try (SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            for (int batch = 0; batch < 3; batch++) {
                try (VectorSchemaRoot root = ArrowTypes.allocate(SCHEMA, allocator)) {
                    for (int i = 0; i < 10; i++) {
                        BatchValues.set(root.getVector(0), i, (long) batch * 10 + i);
                        BatchValues.set(root.getVector(1), i, "n");
                    }
                    root.setRowCount(10);
                    writer.write(root);
                }
                Thread.sleep(300);
            }
            committables.addAll(writer.prepareCommit());
        }
        sink.commit(committables);
        assertThat(parquetFiles(out)).hasSize(3);
        assertThat(duckDistinctIds(out)).isEqualTo(30);
    }

    private static List<Path> parquetFiles(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
        }
    }

    private static long duckCount(Path out) throws Exception {
        return duckLong("SELECT COUNT(*) FROM read_parquet('" + out + "/*.parquet')");
    }

    private static long duckDistinctIds(Path out) throws Exception {
        return duckLong("SELECT COUNT(DISTINCT id) FROM read_parquet('" + out + "/*.parquet')");
    }

    private static long duckLong(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
