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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARRAY, MAP and ROW columns (nested in one another, with NULLs at every level) in Parquet: written
 * by the sink and read back identically by the source, and read by DuckDB, which computes the
 * same element counts, sums and field values as this test does from the rows it wrote.
 */
class NestedParquetTest {
    private static final DataType ROW_TYPE = DataType.row(List.of(new Field("a", DataType.of(TypeKind.INT)),
            new Field("b", DataType.of(TypeKind.STRING)), new Field("c", DataType.array(DataType.of(TypeKind.DOUBLE)))));
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("ints", DataType.array(DataType.of(TypeKind.INT))),
            new Field("m", DataType.map(DataType.of(TypeKind.STRING), DataType.of(TypeKind.BIGINT))),
            new Field("r", ROW_TYPE),
            new Field("rows", DataType.array(DataType.row(List.of(new Field("x", DataType.of(TypeKind.BIGINT))))))));

    @TempDir
    Path dir;
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (long n = 0; n < 500; n++) {
            int size = (int) (n % 4);
            List<Object> ints = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ints.add(i == 1 && n % 5 == 0 ? null : (int) (n * 10 + i));
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put("k" + i, i == 2 ? null : n + i);
            }
            List<Object> doubles = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                doubles.add(n / 4.0 + i);
            }
            List<Object> row = n % 6 == 0 ? null
                    : Arrays.asList(n % 3 == 0 ? null : (int) n, "b" + n, n % 7 == 0 ? null : doubles);
            List<Object> structs = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                structs.add(i == 0 && n % 2 == 0 ? null : List.of(n * 100 + i));
            }
            rows.add(Arrays.asList(n, n % 9 == 0 ? null : ints, n % 8 == 0 ? null : map, row, structs));
        }
        return rows;
    }

    @Test
    void nestedColumnsReadBackIdenticallyAndDuckDbAgrees() throws Exception {
        List<List<Object>> rows = rows();
        var context = context(SCHEMA, Map.of("path", dir.toString(), "format", "parquet"), List.of());
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableSink sink = factory.createSink(context);
        sink.commit(write(sink, SCHEMA, rows, 2, allocator));

        List<String> read = readAll(factory.createSource(context), SCHEMA, allocator).stream().map(String::valueOf)
                .sorted().toList();
        assertThat(read).isEqualTo(rows.stream().map(String::valueOf).sorted().toList());

        List<String> expected = new ArrayList<>();
        for (List<Object> row : rows) {
            List<?> ints = (List<?>) row.get(1);
            Map<?, ?> map = (Map<?, ?>) row.get(2);
            List<?> r = (List<?>) row.get(3);
            List<?> structs = (List<?>) row.get(4);
            Object firstX = structs.isEmpty() || structs.get(0) == null ? null : ((List<?>) structs.get(0)).get(0);
            expected.add(row.get(0) + "|" + (ints == null ? null : ints.size()) + "|"
                    + (ints == null ? null : ints.stream().filter(v -> v != null).mapToLong(v -> (Integer) v).sum())
                    + "|" + (map == null ? null : map.size()) + "|" + (map == null ? null : map.get("k1")) + "|"
                    + (r == null ? null : r.get(0)) + "|" + (r == null ? null : r.get(1)) + "|"
                    + (r == null || r.get(2) == null ? null : ((List<?>) r.get(2)).size()) + "|" + structs.size() + "|"
                    + firstX);
        }
        List<String> duck = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet q = s.executeQuery("SELECT id, len(ints), CAST(list_sum(ints) AS BIGINT), cardinality(m), "
                        + "m['k1'], r.a, r.b, len(r.c), len(\"rows\"), \"rows\"[1].x FROM read_parquet('" + dir
                        + "/*.parquet') ORDER BY id")) {
            while (q.next()) {
                StringBuilder line = new StringBuilder();
                for (int col = 1; col <= 10; col++) {
                    String value = q.getString(col);
                    if (col == 3 && value == null && q.getObject(2) != null) {
                        value = "0";   // DuckDB's sum of an empty or all-NULL list is NULL
                    }
                    line.append(col > 1 ? "|" : "").append(value);
                }
                duck.add(line.toString());
            }
        }
        assertThat(duck).isEqualTo(expected);
    }

    @Test
    void nestedColumnsAreRefusedInTextFormats() {
        assertThatThrownBy(() -> context(SCHEMA, Map.of("path", dir.toString(), "format", "csv"), List.of()))
                .isInstanceOf(WeirException.class).hasMessageContaining("Column 'ints'")
                .hasMessageContaining("'format' = 'parquet'");
    }
}
