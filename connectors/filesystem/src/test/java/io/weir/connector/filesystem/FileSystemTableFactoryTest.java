package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemTestSupport.context;
import static io.weir.connector.filesystem.FileSystemTestSupport.drain;
import static io.weir.connector.filesystem.FileSystemTestSupport.readAll;
import static io.weir.connector.filesystem.FileSystemTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemTableFactoryTest {
    private static final RowType ALL_TYPES = new RowType(List.of(
            new Field("bo", DataType.of(TypeKind.BOOLEAN)), new Field("ti", DataType.of(TypeKind.TINYINT)),
            new Field("si", DataType.of(TypeKind.SMALLINT)), new Field("i", DataType.of(TypeKind.INT)),
            new Field("bi", DataType.of(TypeKind.BIGINT)), new Field("f", DataType.of(TypeKind.FLOAT)),
            new Field("d", DataType.of(TypeKind.DOUBLE)), new Field("de", DataType.decimal(10, 2)),
            new Field("s", DataType.of(TypeKind.STRING)), new Field("by", DataType.of(TypeKind.BYTES)),
            new Field("da", DataType.of(TypeKind.DATE)), new Field("tm", DataType.of(TypeKind.TIME)),
            new Field("ts", DataType.timestamp(3)), new Field("ltz", DataType.of(TypeKind.TIMESTAMP_LTZ))));
    private static final RowType TRIPS = new RowType(List.of(new Field("trip_id", DataType.of(TypeKind.BIGINT)),
            new Field("city", DataType.of(TypeKind.STRING))));

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private Map<String, String> options(String format, String... more) {
        Map<String, String> options = new HashMap<>(Map.of("path", dir.toString(), "format", format));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    private static List<List<Object>> allTypeRows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(true, (byte) -1, (short) 300, 70_000, 1L << 40, 1.5f, -2.25, new BigDecimal("12.50"),
                "plain", new byte[] {1, 2, 3}, 20_513, 36_000_123, 1_772_359_200_123L, 1_772_359_200_000L));
        rows.add(Arrays.asList(false, (byte) 7, (short) -5, -1, -9L, 0.0f, 1e100, new BigDecimal("-0.01"),
                "a,b \"quoted\"\nnext line", new byte[0], 0, 0, 0L, -1L));
        rows.add(Arrays.asList(null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        rows.add(Arrays.asList(true, (byte) 0, (short) 0, 0, 0L, 0.0f, 0.0, new BigDecimal("0.00"), "", null, null,
                null, null, null));
        rows.add(Arrays.asList(true, null, null, null, null, null, null, null, "Ünïcødé 🚲", null, null, null, null,
                null));
        return rows;
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(TableFactory.class).stream().map(p -> p.get().identifier()))
                .contains("filesystem");
        FileSystemTableFactory factory = new FileSystemTableFactory();
        assertThat(factory.supportsSource()).isTrue();
        assertThat(factory.supportsSink()).isTrue();
        assertThat(factory.options()).allSatisfy(o -> assertThat(o.description()).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void roundTripsEveryBasicType(String format) {
        FileSystemTableFactory factory = new FileSystemTableFactory();
        var context = context(ALL_TYPES, options(format), List.of());
        TableSink sink = factory.createSink(context);
        List<Committable> committables = write(sink, ALL_TYPES, allTypeRows(), 2, allocator);
        sink.commit(committables);
        List<List<Object>> read = readAll(factory.createSource(context), ALL_TYPES, allocator);
        assertThat(read).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(allTypeRows());
    }

    @Test
    void writesCsvAsFlinkDoes() throws IOException {
        RowType schema = new RowType(List.of(new Field("id", DataType.of(TypeKind.INT)),
                new Field("s", DataType.of(TypeKind.STRING)), new Field("p", DataType.decimal(5, 2)),
                new Field("ts", DataType.timestamp(3)), new Field("e", DataType.of(TypeKind.STRING))));
        TableSink sink = new FileSystemTableFactory().createSink(context(schema, options("csv"), List.of()));
        sink.commit(write(sink, schema, List.of(Arrays.asList(1, "a,b", new BigDecimal("12.5"), 1_772_359_200_000L,
                ""), Arrays.asList(2, "say \"hi\"", null, 1_772_359_200_120L, null)), 1, allocator));
        assertThat(Files.readString(visibleFiles().get(0))).isEqualTo(
                "1,\"a,b\",12.50,2026-03-01 10:00:00,\"\"\n2,\"say \"\"hi\"\"\",,2026-03-01 10:00:00.12,\n");
    }

    @Test
    void writesJsonLines() throws IOException {
        TableSink sink = new FileSystemTableFactory().createSink(context(TRIPS, options("json"), List.of()));
        sink.commit(write(sink, TRIPS, List.of(Arrays.asList(1L, "Oslo"), Arrays.asList(2L, null)), 1, allocator));
        assertThat(Files.readString(visibleFiles().get(0)))
                .isEqualTo("{\"trip_id\":1,\"city\":\"Oslo\"}\n{\"trip_id\":2,\"city\":null}\n");
    }

    @Test
    void badCsvRecordNamesValueColumnFileAndLine() throws IOException {
        Path file = dir.resolve("trips.csv");
        Files.writeString(file, "1,\"multi\nline\"\n2,Oslo\nabc,Bergen\n");
        TableSource source = new FileSystemTableFactory().createSource(context(TRIPS, options("csv"), List.of()));
        assertThatThrownBy(() -> readAll(source, TRIPS, allocator))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot parse 'abc' as BIGINT for column 'trip_id' in file " + file + ", line 4")
                .extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.BAD_RECORD);
    }

    @Test
    void wrongFieldCountIsABadRecord() throws IOException {
        Path file = dir.resolve("trips.csv");
        Files.writeString(file, "1,Oslo\n2\n");
        TableSource source = new FileSystemTableFactory().createSource(context(TRIPS, options("csv"), List.of()));
        assertThatThrownBy(() -> readAll(source, TRIPS, allocator))
                .hasMessage("Expected 2 fields but found 1 in file " + file + ", line 2");
    }

    @Test
    void ignoredParseErrorsAreSkippedAndCounted() throws IOException {
        Files.writeString(dir.resolve("trips.csv"), "1,Oslo\nx,Bergen\n3\n4,Molde\n");
        TableSource source = new FileSystemTableFactory().createSource(context(TRIPS,
                options("csv", "csv.ignore-parse-errors", "true"), List.of()));
        FileSplitReader reader = (FileSplitReader) source.createReader(source.planSplits(1).get(0),
                new ReaderContext("job", 0, 1));
        assertThat(drain(reader, TRIPS, allocator)).containsExactly(List.of(1L, "Oslo"), List.of(4L, "Molde"));
        assertThat(reader.skipped()).isEqualTo(2);
        reader.close();
    }

    @Test
    void badJsonLinesFailOrAreSkipped() throws IOException {
        Path file = dir.resolve("trips.json");
        Files.writeString(file, "{\"trip_id\": 1, \"city\": \"Oslo\", \"extra\": true}\n\n{\"trip_id\": \"2\"}\n"
                + "{\"trip_id\": 3.5}\n{not json\n");
        assertThatThrownBy(() -> readAll(new FileSystemTableFactory().createSource(context(TRIPS, options("json"),
                List.of())), TRIPS, allocator))
                .hasMessage("Cannot parse '3.5' as BIGINT for column 'trip_id' in file " + file + ", line 4");
        TableSource lenient = new FileSystemTableFactory().createSource(context(TRIPS,
                options("json", "json.ignore-parse-errors", "true"), List.of()));
        assertThat(readAll(lenient, TRIPS, allocator)).containsExactly(List.of(1L, "Oslo"), Arrays.asList(2L, null));
    }

    @Test
    void inProgressFilesStayHiddenUntilCommitAndCommitIsIdempotent() throws IOException {
        FileSystemTableFactory factory = new FileSystemTableFactory();
        var context = context(TRIPS, options("csv"), List.of());
        TableSink sink = factory.createSink(context);
        List<Committable> committables = write(sink, TRIPS, List.of(List.of(1L, "Oslo"), List.of(2L, "Rome")), 2,
                allocator);
        assertThat(committables).hasSize(2);
        assertThat(allFiles()).allSatisfy(p -> assertThat(p.getFileName().toString())
                .matches("\\.part-[0-9a-f-]{36}-[01]-0\\.csv\\.[^.]+\\.inprogress"));
        assertThat(readAll(factory.createSource(context), TRIPS, allocator)).isEmpty();
        sink.commit(committables);
        sink.commit(committables);
        assertThat(visibleFiles()).hasSize(2).allSatisfy(p -> assertThat(p.getFileName().toString())
                .matches("part-[0-9a-f-]{36}-[01]-0\\.csv"));
        assertThat(readAll(factory.createSource(context), TRIPS, allocator))
                .containsExactlyInAnyOrder(List.of(1L, "Oslo"), List.of(2L, "Rome"));
    }

    /** A resumed job commits what its checkpoint covers, then drops what its crashed attempt left, not other jobs' files. */
    @Test
    void removeUncommittedDeletesOnlyTheJobsLeftovers() throws IOException {
        TableSink crashed = new FileSystemTableFactory().createSink(context(TRIPS, options("csv"), List.of()));
        List<Committable> covered = write(crashed, TRIPS, List.of(List.of(1L, "Oslo")), 1, allocator);
        // what the crashed attempt staged after its last completed checkpoint
        write(new FileSystemTableFactory().createSink(context(TRIPS, options("csv"), List.of())), TRIPS,
                List.of(List.of(2L, "Rome")), 1, allocator);
        TableSink sink = new FileSystemTableFactory().createSink(context(TRIPS, options("csv"), List.of()));
        Path otherJob = dir.resolve(".part-x-0-0.csv.otherjob.inprogress");
        Files.writeString(otherJob, "3,Lima\n");
        sink.commit(covered);
        sink.removeUncommitted("job");
        assertThat(allFiles()).hasSize(2).contains(otherJob);
        assertThat(readAll(new FileSystemTableFactory().createSource(context(TRIPS, options("csv"), List.of())), TRIPS,
                allocator)).containsExactly(List.of(1L, "Oslo"));
    }

    @Test
    void abortDeletesStagedFiles() throws IOException {
        TableSink sink = new FileSystemTableFactory().createSink(context(TRIPS, options("csv"), List.of()));
        List<Committable> committables = write(sink, TRIPS, List.of(List.of(1L, "Oslo")), 1, allocator);
        assertThat(allFiles()).hasSize(1);
        sink.abort(committables);
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void closeDeletesUnpreparedFilesAndEmptySubtasksWriteNothing() throws IOException {
        TableSink sink = new FileSystemTableFactory().createSink(context(TRIPS, options("csv"), List.of()));
        try (var writer = sink.createWriter(new io.weir.spi.connector.SinkContext("job", 0, 1));
                var batch = io.weir.spi.batch.ArrowTypes.allocate(TRIPS, allocator)) {
            io.weir.spi.batch.BatchValues.set(batch.getVector(0), 0, 1L);
            io.weir.spi.batch.BatchValues.set(batch.getVector(1), 0, "x");
            batch.setRowCount(1);
            writer.write(batch);
            assertThat(allFiles()).hasSize(1);
        }
        assertThat(allFiles()).isEmpty();
        assertThat(write(sink, TRIPS, List.of(), 3, allocator)).isEmpty();
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void rollsToANewFileAtTheConfiguredSize() throws IOException {
        FileSystemTableFactory factory = new FileSystemTableFactory();
        var context = context(TRIPS, options("csv", "sink.rolling-policy.file-size", "1kb"), List.of());
        TableSink sink = factory.createSink(context);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            rows.add(List.of(i, "city number " + i));
        }
        List<Committable> committables = write(sink, TRIPS, rows, 1, allocator);
        sink.commit(committables);
        assertThat(committables.size()).isGreaterThan(3);
        assertThat(visibleFiles()).allSatisfy(p -> assertThat(Files.size(p)).isLessThan(1024 + 64));
        assertThat(readAll(factory.createSource(context), TRIPS, allocator)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void listingSkipsHiddenAndUnderscoreFilesRecursively() throws IOException {
        Files.createDirectories(dir.resolve("sub/.hidden"));
        Files.writeString(dir.resolve("b.csv"), "2,B\n");
        Files.writeString(dir.resolve("sub/a.csv"), "1,A\n");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(".x.csv.inprogress"), "9,X\n");
        Files.writeString(dir.resolve("sub/.hidden/c.csv"), "9,X\n");
        TableSource source = new FileSystemTableFactory().createSource(context(TRIPS, options("csv"), List.of()));
        assertThat(source.planSplits(1)).extracting(s -> s.splitId())
                .containsExactly(dir.resolve("b.csv").toString(), dir.resolve("sub/a.csv").toString());
        assertThat(readAll(source, TRIPS, allocator)).containsExactly(List.of(2L, "B"), List.of(1L, "A"));
    }

    @Test
    void readsASingleFileWithFileScheme() throws IOException {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "1,\"\"\r\n2,\r\n");
        Map<String, String> options = Map.of("path", "file://" + file, "format", "csv");
        TableSource source = new FileSystemTableFactory().createSource(context(TRIPS, options, List.of()));
        assertThat(readAll(source, TRIPS, allocator)).containsExactly(List.of(1L, ""), Arrays.asList(2L, null));
    }

    @Test
    void nullLiteralAndDelimiterOptions() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "1;N\n2;\n");
        TableSource source = new FileSystemTableFactory().createSource(context(TRIPS,
                options("csv", "csv.field-delimiter", ";", "csv.null-literal", "N"), List.of()));
        assertThat(readAll(source, TRIPS, allocator)).containsExactly(Arrays.asList(1L, null), List.of(2L, ""));
    }

    @Test
    void partitionedTablesRoundTripThroughColumnDirectories() throws IOException {
        RowType schema = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
                new Field("dt", DataType.of(TypeKind.DATE)), new Field("city", DataType.of(TypeKind.STRING))));
        FileSystemTableFactory factory = new FileSystemTableFactory();
        var context = context(schema, options("csv"), List.of("dt", "city"));
        TableSink sink = factory.createSink(context);
        List<List<Object>> rows = List.of(Arrays.asList(1L, 20_513, "Oslo"), Arrays.asList(2L, 20_513, "a/b"),
                Arrays.asList(3L, null, "Oslo"));
        sink.commit(write(sink, schema, rows, 2, allocator));
        assertThat(visibleFiles()).extracting(p -> dir.relativize(p.getParent()).toString())
                .containsExactlyInAnyOrder("dt=2026-03-01/city=Oslo", "dt=2026-03-01/city=a%2Fb",
                        "dt=__DEFAULT_PARTITION__/city=Oslo");
        assertThat(Files.readString(dir.resolve("dt=2026-03-01/city=Oslo").resolve(
                visibleFiles().stream().filter(p -> p.toString().contains("city=Oslo")
                        && p.toString().contains("2026")).findFirst().orElseThrow().getFileName()))).isEqualTo("1\n");
        assertThat(readAll(factory.createSource(context), schema, allocator))
                .containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> context(TRIPS, options("xml"), List.of()))
                .hasMessage("Invalid value 'xml' for option 'format' of table 't': expected one of csv, json, debezium-json, parquet");
        assertThatThrownBy(() -> context(TRIPS, options("csv", "csv.delimiter", ";"), List.of()))
                .hasMessageStartingWith("Unknown option 'csv.delimiter' for table 't' (connector 'filesystem'); "
                        + "supported options: auto-compaction, csv.field-delimiter");
        assertThatThrownBy(() -> context(TRIPS, Map.of("path", "hdfs://namenode/x", "format", "csv"), List.of()))
                .extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
        assertThatThrownBy(() -> context(TRIPS, options("csv", "source.monitor-interval", "10s"), List.of()))
                .hasMessageContaining("'source.monitor-interval'").hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> context(TRIPS, options("csv", "sink.rolling-policy.file-size", "big"), List.of()))
                .hasMessage("Invalid value 'big' for option 'sink.rolling-policy.file-size' of table 't': "
                        + "expected a memory size such as '128MB', '1kb' or '4096'");
        assertThatThrownBy(() -> context(TRIPS, options("csv", "csv.field-delimiter", ";;"), List.of()))
                .hasMessageContaining("expected a single character");
        assertThatThrownBy(() -> context(TRIPS, Map.of("format", "csv"), List.of()))
                .hasMessageContaining("needs the option 'path'");
        assertThatThrownBy(() -> context(TRIPS, options("csv"), List.of("nope")))
                .hasMessageContaining("Partition column 'nope'");
        assertThat(context(TRIPS, options("csv", "auto-compaction", "true", "sink.parallelism", "2",
                "sink.rolling-policy.rollover-interval", "10 min", "partition.default-name", "x"), List.of()))
                .isNotNull();
    }

    @Test
    void memorySizesParseLikeFlink() {
        assertThat(MemorySizes.parse("128MB")).isEqualTo(128L << 20);
        assertThat(MemorySizes.parse("1kb")).isEqualTo(1024);
        assertThat(MemorySizes.parse("2 g")).isEqualTo(2L << 30);
        assertThat(MemorySizes.parse("4096")).isEqualTo(4096);
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private List<Path> visibleFiles() throws IOException {
        return allFiles().stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
}
