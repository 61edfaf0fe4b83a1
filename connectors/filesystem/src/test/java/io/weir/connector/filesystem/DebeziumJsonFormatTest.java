package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.readAll;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSink;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code debezium-json} format: written as Flink writes it, read back as a changelog. */
class DebeziumJsonFormatTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("name", DataType.of(TypeKind.STRING)), new Field("amount", DataType.decimal(10, 2))));
    private static final RowType CHANGELOG = RowKind.withRowKind(SCHEMA);

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();
    private final FileSystemTableFactory factory = new FileSystemTableFactory();

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private TableContext table(String format) {
        return context(SCHEMA, Map.of("path", dir.toString(), "format", format), List.of());
    }

    private static List<Object> change(RowKind kind, Long id, String name, String amount) {
        return Arrays.asList(id, name, amount == null ? null : new BigDecimal(amount), kind.toByteValue());
    }

    @Test
    void onlyDebeziumJsonTablesAreChangelogs() {
        assertThat(factory.changelogMode(table("debezium-json"))).isEqualTo(ChangelogMode.ALL);
        assertThat(factory.changelogMode(table("csv"))).isEqualTo(ChangelogMode.INSERT_ONLY);
        assertThat(factory.changelogMode(table("json"))).isEqualTo(ChangelogMode.INSERT_ONLY);
        assertThat(factory.createSink(table("debezium-json")).acceptsChangelog()).isTrue();
        assertThat(factory.createSink(table("csv")).acceptsChangelog()).isFalse();
    }

    @Test
    void writesEachRowKindAsFlinkDoes() throws IOException {
        TableSink sink = factory.createSink(table("debezium-json"));
        List<Committable> committables = write(sink, CHANGELOG, List.of(
                change(RowKind.INSERT, 1L, "a", "1.50"),
                change(RowKind.UPDATE_BEFORE, 1L, "a", "1.50"),
                change(RowKind.UPDATE_AFTER, 1L, "a \"b\"", "2.00"),
                change(RowKind.DELETE, 1L, "a \"b\"", "2.00"),
                change(RowKind.INSERT, null, null, null)), 1, allocator);
        sink.commit(committables);
        assertThat(lines()).containsExactly(
                "{\"before\":null,\"after\":{\"id\":1,\"name\":\"a\",\"amount\":1.50},\"op\":\"c\"}",
                "{\"before\":{\"id\":1,\"name\":\"a\",\"amount\":1.50},\"after\":null,\"op\":\"d\"}",
                "{\"before\":null,\"after\":{\"id\":1,\"name\":\"a \\\"b\\\"\",\"amount\":2.00},\"op\":\"c\"}",
                "{\"before\":{\"id\":1,\"name\":\"a \\\"b\\\"\",\"amount\":2.00},\"after\":null,\"op\":\"d\"}",
                "{\"before\":null,\"after\":{\"id\":null,\"name\":null,\"amount\":null},\"op\":\"c\"}");
    }

    @Test
    void insertOnlyBatchesAreWrittenAsCreates() throws IOException {
        TableSink sink = factory.createSink(table("debezium-json"));
        sink.commit(write(sink, SCHEMA, List.of(Arrays.asList(7L, "x", new BigDecimal("0.10"))), 1, allocator));
        assertThat(lines()).containsExactly(
                "{\"before\":null,\"after\":{\"id\":7,\"name\":\"x\",\"amount\":0.10},\"op\":\"c\"}");
    }

    @Test
    void roundTripsAWrittenChangelog() {
        TableSink sink = factory.createSink(table("debezium-json"));
        sink.commit(write(sink, CHANGELOG, List.of(change(RowKind.INSERT, 1L, "a", "1.50"),
                change(RowKind.UPDATE_BEFORE, 1L, "a", "1.50"), change(RowKind.UPDATE_AFTER, 1L, "b", "2.00"),
                change(RowKind.DELETE, 1L, "b", "2.00")), 1, allocator));
        // Flink's encoding turns -U into a delete and +U into a create, so that is what comes back
        assertThat(readAll(factory.createSource(table("debezium-json")), CHANGELOG, allocator)).containsExactly(
                change(RowKind.INSERT, 1L, "a", "1.50"), change(RowKind.DELETE, 1L, "a", "1.50"),
                change(RowKind.INSERT, 1L, "b", "2.00"), change(RowKind.DELETE, 1L, "b", "2.00"));
    }

    @Test
    void readsDebeziumOperations() throws IOException {
        Files.writeString(dir.resolve("changes.json"), """
                {"before":null,"after":{"id":1,"name":"a","amount":"1.5"},"op":"r","ts_ms":1}
                {"before":{"id":1,"name":"a","amount":1.5},"after":{"id":1,"name":"b","amount":2},"op":"u"}

                {"after":{"id":2},"op":"c"}
                {"before":{"id":1,"name":"b","amount":2},"after":null,"op":"d"}
                """);
        assertThat(readAll(factory.createSource(table("debezium-json")), CHANGELOG, allocator)).containsExactly(
                change(RowKind.INSERT, 1L, "a", "1.50"), change(RowKind.UPDATE_BEFORE, 1L, "a", "1.50"),
                change(RowKind.UPDATE_AFTER, 1L, "b", "2.00"), change(RowKind.INSERT, 2L, null, null),
                change(RowKind.DELETE, 1L, "b", "2.00"));
    }

    @Test
    void badChangeRecordsNameTheProblemAndTheLine() throws IOException {
        Files.writeString(dir.resolve("bad.json"), "{\"after\":{\"id\":1},\"op\":\"c\"}\n{\"after\":{\"id\":2},\"op\":\"x\"}\n");
        assertThatThrownBy(() -> readAll(factory.createSource(table("debezium-json")), CHANGELOG, allocator))
                .isInstanceOf(WeirException.class).hasMessageContaining("Unknown Debezium operation \"x\"")
                .hasMessageContaining("line 2").extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.BAD_RECORD);
        Files.writeString(dir.resolve("bad.json"), "{\"before\":null,\"after\":{\"id\":2},\"op\":\"u\"}\n");
        assertThatThrownBy(() -> readAll(factory.createSource(table("debezium-json")), CHANGELOG, allocator))
                .hasMessageContaining("\"before\" field").hasMessageContaining("REPLICA IDENTITY FULL");
    }

    private List<String> lines() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> visible = files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            assertThat(visible).hasSize(1);
            assertThat(visible.get(0).toString()).endsWith(".json");
            return Files.readAllLines(visible.get(0));
        }
    }
}
