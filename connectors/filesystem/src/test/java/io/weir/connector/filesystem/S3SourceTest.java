package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.readAll;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Filesystem tables read from {@code s3://} (S3Proxy on loopback): csv, json and debezium-json
 * objects put there directly and Parquet written by the sink, with hidden ({@code .}, {@code _})
 * objects skipped and partition values taken from the keys.
 */
class S3SourceTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("name", DataType.of(TypeKind.STRING))));

    @TempDir
    static Path dir;
    private static S3ProxyServer server;
    private final BufferAllocator allocator = new RootAllocator();

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(dir.resolve("s3"), "lake");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static Map<String, String> options(String path, String format) {
        Map<String, String> options = new HashMap<>(Map.of("connector", "filesystem", "path", path, "format", format,
                "s3.endpoint", server.endpoint(), "s3.path-style-access", "true", "s3.access-key",
                S3ProxyServer.ACCESS_KEY, "s3.secret-key", S3ProxyServer.SECRET_KEY));
        return options;
    }

    private static void put(String key, String content) {
        try (S3Client client = server.settings().newClient()) {
            client.putObject(b -> b.bucket("lake").key(key), RequestBody.fromString(content));
        }
    }

    @Test
    void csvObjectsUnderAPrefixAreReadSkippingHiddenOnesWithPartitionsFromTheKeys() {
        put("csv/dt=a/part-1.csv", "1,one\n2,two\n");
        put("csv/dt=b/part-2.csv", "3,three\n");
        put("csv/dt=b/_SUCCESS", "");
        put("csv/dt=b/.part-3.csv.inprogress", "9,hidden\n");
        put("csv/_temporary/dt=c/part-4.csv", "9,hidden\n");
        put("csvother/part-5.csv", "9,not under the prefix\n");
        RowType schema = new RowType(List.of(SCHEMA.field(0), SCHEMA.field(1),
                new Field("dt", DataType.of(TypeKind.STRING))));
        var context = context(schema, options("s3://lake/csv", "csv"), List.of("dt"));
        List<String> rows = readAll(new FileSystemTableFactory().createSource(context), schema, allocator).stream()
                .map(List::toString).sorted().toList();
        assertThat(rows).containsExactly("[1, one, a]", "[2, two, a]", "[3, three, b]");
    }

    @Test
    void aJsonObjectNamedByThePathIsTheTablesOneFile() {
        put("json/one.json", "{\"id\": 7, \"name\": \"seven\"}\n{\"id\": 8, \"name\": null}\n");
        var context = context(SCHEMA, options("s3://lake/json/one.json", "json"), List.of());
        assertThat(readAll(new FileSystemTableFactory().createSource(context), SCHEMA, allocator))
                .containsExactly(List.of(7L, "seven"), java.util.Arrays.asList(8L, null));
    }

    @Test
    void debeziumJsonObjectsReadAsAChangelog() {
        put("cdc/changes.json", "{\"before\":null,\"after\":{\"id\":1,\"name\":\"a\"},\"op\":\"c\"}\n"
                + "{\"before\":{\"id\":1,\"name\":\"a\"},\"after\":{\"id\":1,\"name\":\"b\"},\"op\":\"u\"}\n"
                + "{\"before\":{\"id\":1,\"name\":\"b\"},\"after\":null,\"op\":\"d\"}\n");
        var context = context(SCHEMA, options("s3://lake/cdc", "debezium-json"), List.of());
        TableSource source = new FileSystemTableFactory().createSource(context);
        RowType withKind = RowKind.withRowKind(SCHEMA);
        List<String> changes = new ArrayList<>();
        for (SourceSplit split : source.planSplits(1)) {
            try (SourceReader reader = source.createReader(split, new ReaderContext("job", 0, 1));
                    VectorSchemaRoot root = ArrowTypes.allocate(withKind, allocator)) {
                BatchBuilder builder = new BatchBuilder(root, 100);
                reader.read(builder);
                VectorSchemaRoot batch = builder.finish();
                for (int r = 0; r < batch.getRowCount(); r++) {
                    changes.add(RowKind.fromByteValue(((Number) BatchValues.get(batch.getVector(2), r)).byteValue())
                            .shortString() + BatchValues.get(batch.getVector(0), r) + BatchValues.get(batch.getVector(1), r));
                }
            }
        }
        assertThat(changes).containsExactly("+I1a", "-U1a", "+U1b", "-D1b");
    }

    @Test
    void parquetWrittenToS3ByTheSinkReadsBackIdentically() {
        List<List<Object>> rows = ParquetSourceTest.allTypeRows(700);
        var context = context(ParquetSourceTest.ALL_TYPES, options("s3://lake/typed", "parquet"), List.of("part"));
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableSink sink = factory.createSink(context);
        sink.commit(write(sink, ParquetSourceTest.ALL_TYPES, rows, 2, allocator));
        put("typed/part=p0/_SUCCESS", "");
        List<String> read = readAll(factory.createSource(context), ParquetSourceTest.ALL_TYPES, allocator).stream()
                .map(ParquetSourceTest::show).sorted().toList();
        assertThat(read).isEqualTo(rows.stream().map(ParquetSourceTest::show).sorted().toList());
    }
}
