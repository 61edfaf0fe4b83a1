package io.weir.connector.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.TableSink;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filesystem table on {@code s3://} (S3Proxy on loopback): partitioned CSV parts are staged as
 * uploads, invisible until the sink commits, then each part is one object whose rows are exactly
 * those written, and the source reads them back.
 */
class S3SinkTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("dt", DataType.of(TypeKind.STRING))));

    @TempDir
    static Path dir;
    private static S3ProxyServer server;

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

    @Test
    void partsAppearOnlyWhenCommittedAndHoldTheRowsWritten() throws Exception {
        Map<String, String> options = Map.of("connector", "filesystem", "path", "s3://lake/orders", "format", "csv",
                "s3.endpoint", server.endpoint(), "s3.path-style-access", "true", "s3.access-key",
                S3ProxyServer.ACCESS_KEY, "s3.secret-key", S3ProxyServer.SECRET_KEY);
        var context = FileSystemTestSupport.context(SCHEMA, options, List.of("dt"));
        FileSystemTableFactory factory = new FileSystemTableFactory();
        TableSink sink = factory.createSink(context);
        assertThat(sink.deliveryGuarantee()).isEqualTo(TableSink.DeliveryGuarantee.EXACTLY_ONCE);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            rows.add(List.of(i, i % 2 == 0 ? "2026-11-23" : "2026-11-24"));
        }
        List<Committable> staged;
        try (BufferAllocator allocator = new RootAllocator()) {
            staged = FileSystemTestSupport.write(sink, SCHEMA, rows, 2, allocator);
        }
        assertThat(staged).isNotEmpty().allMatch(c -> c instanceof S3PendingObject);
        assertThat(objectFiles()).as("nothing visible before the commit").isEmpty();
        sink.commit(staged);
        sink.commit(staged);
        List<Path> objects = objectFiles();
        assertThat(objects).isNotEmpty().allMatch(p -> p.getFileName().toString().startsWith("part-job-"));
        List<String> lines = new ArrayList<>();
        for (Path object : objects) {
            String partition = object.getParent().getFileName().toString();
            Files.readAllLines(object).forEach(line -> lines.add(line + "|" + partition));
        }
        List<String> expected = rows.stream().map(r -> r.get(0) + "|dt=" + r.get(1)).sorted().toList();
        assertThat(lines.stream().sorted().toList()).isEqualTo(expected);
        try (BufferAllocator allocator = new RootAllocator()) {
            List<String> read = FileSystemTestSupport.readAll(factory.createSource(context), SCHEMA, allocator).stream()
                    .map(r -> r.get(0) + "|dt=" + r.get(1)).sorted().toList();
            assertThat(read).as("read back from S3").isEqualTo(expected);
        }
    }

    /** The objects S3Proxy keeps under lake/orders, skipping its own bookkeeping files. */
    private static List<Path> objectFiles() throws Exception {
        Path root = dir.resolve("s3").resolve("lake").resolve("orders");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }
}
