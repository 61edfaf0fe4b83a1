package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.readAll;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.TableSink;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partition commit with Flink's {@code 'sink.partition-commit.policy.kind' = 'success-file'}: an
 * empty {@code _SUCCESS} appears in each partition directory (local) or under each partition prefix
 * (S3) when the commit makes files in it visible, and not before; none without the option (Flink's
 * default); readers skip the markers.
 */
class PartitionCommitTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("dt", DataType.of(TypeKind.STRING))));

    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    private static S3ProxyServer server;
    private final BufferAllocator allocator = new RootAllocator();

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(shared.resolve("s3"), "lake");
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

    private static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 60; i++) {
            rows.add(List.of(i, "2026-12-0" + (i % 3 + 1)));
        }
        return rows;
    }

    private static List<String> markers(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("_SUCCESS"))
                    .map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    @Test
    void aLocalPartitionGetsItsSuccessFileWhenItsFilesAreCommitted() throws Exception {
        var context = context(SCHEMA, Map.of("path", dir.toString(), "format", "csv",
                "sink.partition-commit.policy.kind", "success-file"), List.of("dt"));
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableSink sink = factory.createSink(context);
        List<Committable> staged = write(sink, SCHEMA, rows(), 2, allocator);
        assertThat(markers(dir)).isEmpty();
        sink.commit(staged);
        sink.commit(staged);
        assertThat(markers(dir)).containsExactly("dt=2026-12-01/_SUCCESS", "dt=2026-12-02/_SUCCESS",
                "dt=2026-12-03/_SUCCESS");
        assertThat(readAll(factory.createSource(context), SCHEMA, allocator)).hasSize(60);
    }

    @Test
    void withoutThePolicyNoMarkerIsWrittenAsInFlink() throws Exception {
        var context = context(SCHEMA, Map.of("path", dir.toString(), "format", "csv"), List.of("dt"));
        TableSink sink = new FileSystemTableFactory().createSink(context);
        sink.commit(write(sink, SCHEMA, rows(), 1, allocator));
        assertThat(markers(dir)).isEmpty();
    }

    @Test
    void anS3PartitionGetsItsSuccessObjectWhenItsObjectsAreCommitted() throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("path", "s3://lake/events", "format", "parquet",
                "s3.endpoint", server.endpoint(), "s3.path-style-access", "true", "s3.access-key",
                S3ProxyServer.ACCESS_KEY, "s3.secret-key", S3ProxyServer.SECRET_KEY));
        options.put("sink.partition-commit.policy.kind", "success-file");
        var context = context(SCHEMA, options, List.of("dt"));
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableSink sink = factory.createSink(context);
        List<Committable> staged = write(sink, SCHEMA, rows(), 2, allocator);
        Path bucket = shared.resolve("s3").resolve("lake").resolve("events");
        assertThat(markers(bucket)).isEmpty();
        sink.commit(staged);
        assertThat(markers(bucket)).containsExactly("dt=2026-12-01/_SUCCESS", "dt=2026-12-02/_SUCCESS",
                "dt=2026-12-03/_SUCCESS");
        assertThat(readAll(factory.createSource(context), SCHEMA, allocator)).hasSize(60);
    }

    @Test
    void policiesTriggersAndDelaysWeirCannotHonourAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> context(SCHEMA, Map.of("path", dir.toString(), "format", "csv",
                "sink.partition-commit.policy.kind", "metastore,success-file"), List.of("dt")))
                .isInstanceOf(WeirException.class).hasMessageContaining("'sink.partition-commit.policy.kind'")
                .hasMessageContaining("'success-file'");
        assertThatThrownBy(() -> context(SCHEMA, Map.of("path", dir.toString(), "format", "csv",
                "sink.partition-commit.delay", "1 h"), List.of("dt")))
                .isInstanceOf(WeirException.class).hasMessageContaining("'sink.partition-commit.delay'");
        assertThatThrownBy(() -> context(SCHEMA, Map.of("path", dir.toString(), "format", "csv",
                "sink.partition-commit.trigger", "partition-time"), List.of("dt")))
                .isInstanceOf(WeirException.class).hasMessageContaining("'process-time'");
    }
}
