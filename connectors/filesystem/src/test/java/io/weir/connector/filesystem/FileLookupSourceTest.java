package io.weir.connector.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.LookupSource;
import io.weir.spi.connector.TableContext;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A filesystem table as a lookup join's build side: rows by key from every file, reloaded after the TTL. */
class FileLookupSourceTest {
    private static final RowType SCHEMA = new RowType(List.of(new Field("key", DataType.of(TypeKind.BIGINT)),
            new Field("value", DataType.of(TypeKind.STRING)), new Field("region", DataType.of(TypeKind.STRING))));

    @TempDir
    Path dir;

    @Test
    void findsTheRowsOfEveryFileByKeyWithPartitionValuesAndSkipsNullKeys() throws IOException {
        Files.createDirectories(dir.resolve("region=eu"));
        Files.createDirectories(dir.resolve("region=us"));
        Files.writeString(dir.resolve("region=eu/part-1.csv"), "1,one\n2,two\n,no key\n");
        Files.writeString(dir.resolve("region=us/part-1.csv"), "2,deux\n3,\n");
        TableContext context = FileSystemTestSupport.context(SCHEMA,
                Map.of("path", dir.toString(), "format", "csv"), List.of("region"));
        try (LookupSource source = new FileSystemTableFactory().createLookupSource(context, List.of("key"))) {
            Map<List<Object>, List<Object[]>> found = source.lookup(List.of(List.of(1L), List.of(2L), List.of(3L),
                    List.of(4L)));
            assertThat(found).doesNotContainKey(List.of(4L));
            assertThat(rows(found.get(List.of(1L)))).containsExactly(List.of(1L, "one", "eu"));
            assertThat(rows(found.get(List.of(2L)))).containsExactlyInAnyOrder(List.of(2L, "two", "eu"),
                    List.of(2L, "deux", "us"));
            assertThat(rows(found.get(List.of(3L)))).containsExactly(Arrays.asList(3L, null, "us"));
        }
    }

    @Test
    void keepsTheLoadedRowsUntilTheTtlHasPassedThenReadsTheFilesAgain() throws IOException {
        Path file = dir.resolve("side.csv");
        Files.writeString(file, "1,old\n");
        RowType schema = new RowType(SCHEMA.fields().subList(0, 2));
        FileSystemConfig config = FileSystemConfig.of(FileSystemTestSupport.context(schema,
                Map.of("path", file.toString(), "format", "csv"), List.of()));
        AtomicLong now = new AtomicLong();
        try (LookupSource source = new FileLookupSource(config, null, List.of("key"), Duration.ofSeconds(10),
                now::get)) {
            assertThat(rows(source.lookup(List.of(List.of(1L))).get(List.of(1L)))).containsExactly(List.of(1L, "old"));
            Files.writeString(file, "1,new\n");
            now.set(Duration.ofSeconds(10).toNanos() - 1);
            assertThat(rows(source.lookup(List.of(List.of(1L))).get(List.of(1L)))).containsExactly(List.of(1L, "old"));
            now.set(Duration.ofSeconds(10).toNanos());
            assertThat(rows(source.lookup(List.of(List.of(1L))).get(List.of(1L)))).containsExactly(List.of(1L, "new"));
        }
    }

    @Test
    void aTtlThatIsNotPositiveIsRefusedWhenTheTableIsCreated() {
        assertThatThrownBy(() -> FileSystemTestSupport.context(SCHEMA, Map.of("path", dir.toString(), "format", "csv",
                "lookup.join.cache.ttl", "0 s"), List.of()))
                .isInstanceOfSatisfying(WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
                .hasMessageContaining("lookup.join.cache.ttl").hasMessageContaining("'t'");
    }

    private static List<List<Object>> rows(List<Object[]> rows) {
        return rows.stream().map(Arrays::asList).toList();
    }
}
