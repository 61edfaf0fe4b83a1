package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.TableSink;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem sink with 'format' = 'parquet' on a local, partitioned path; DuckDB reads the result. */
class ParquetSinkTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("amount", DataType.decimal(12, 2)), new Field("dt", DataType.of(TypeKind.STRING))));
    @TempDir
    Path dir;
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void partitionedParquetFilesAreHiddenUntilCommitThenReadableByDuckDb() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (long id = 1; id <= 500; id++) {
            String dt = "2026-11-2" + (id % 3);
            BigDecimal amount = BigDecimal.valueOf(id * 7 % 1000, 2);
            rows.add(Arrays.asList(id, amount, dt));
            expected.merge(dt + "|" + (id % 2), amount, BigDecimal::add);
        }
        var context = context(SCHEMA, Map.of("path", dir.toString(), "format", "parquet"), List.of("dt"));
        TableSink sink = new FileSystemTableFactory().createSink(context);
        List<Committable> committables = write(sink, SCHEMA, rows, 2, allocator);
        assertThat(visibleParquetFiles()).isEmpty();
        sink.commit(committables);
        sink.commit(committables);
        assertThat(visibleParquetFiles()).isNotEmpty()
                .allSatisfy(f -> assertThat(dir.relativize(f).toString()).matches("dt=2026-11-2[012]/part-.*\\.parquet"));

        Map<String, BigDecimal> actual = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT dt, id % 2, sum(amount), typeof(sum(amount)) FROM read_parquet('"
                     + dir + "/*/*.parquet', hive_partitioning = true) GROUP BY ALL")) {
            while (r.next()) {
                actual.put(r.getString(1) + "|" + r.getLong(2), r.getBigDecimal(3));
                assertThat(r.getString(4)).startsWith("DECIMAL");
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    private List<Path> visibleParquetFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
        }
    }
}
