package io.weir.connector.datagen;

import static io.weir.connector.datagen.DataGenTestSupport.context;
import static io.weir.connector.datagen.DataGenTestSupport.readAll;
import static io.weir.connector.datagen.DataGenTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataGenTableFactoryTest {
    private static final RowType ID_NAME = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT)), new Field("name", DataType.of(TypeKind.STRING))));

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(TableFactory.class).stream().map(p -> p.get().identifier()))
                .contains("datagen");
        TableFactory factory = new DataGenTableFactory();
        assertThat(factory.supportsSource()).isTrue();
        assertThat(factory.supportsSink()).isFalse();
        assertThat(factory.options()).allSatisfy(o -> assertThat(o.description()).isNotBlank());
    }

    @Test
    void numberOfRowsIsExactAcrossSubtasks() {
        TableSource source = source(ID_NAME, Map.of("number-of-rows", "1001", "fields.name.length", "7"));
        assertThat(source.isBounded()).isTrue();
        assertThat(source.planSplits(3)).hasSize(3);
        List<List<Object>> rows = readAll(source, 3, allocator, ID_NAME, 128);
        assertThat(rows).hasSize(1001);
        assertThat(rows).allSatisfy(row -> assertThat((String) row.get(1)).hasSize(7).matches("[A-Za-z0-9]+"));
    }

    @Test
    void sequenceProducesEachValueOnceAndBoundsTheTable() {
        TableSource source = source(ID_NAME, Map.of("fields.id.kind", "sequence", "fields.id.start", "10",
                "fields.id.end", "1009"));
        assertThat(source.isBounded()).isTrue();
        List<List<Object>> rows = readAll(source, 4, allocator, ID_NAME, 100);
        Set<Object> ids = rows.stream().map(r -> r.get(0)).collect(Collectors.toSet());
        assertThat(rows).hasSize(1000);
        assertThat(ids).isEqualTo(LongStream.rangeClosed(10, 1009).boxed().collect(Collectors.toSet()));
    }

    @Test
    void stringSequenceAndSmallerNumberOfRows() {
        RowType schema = new RowType(List.of(new Field("s", DataType.of(TypeKind.STRING))));
        List<List<Object>> rows = readAll(source(schema, Map.of("number-of-rows", "3", "fields.s.kind", "sequence",
                "fields.s.start", "1", "fields.s.end", "100")), 2, allocator, schema, 10);
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("1", "2", "3");
    }

    @Test
    void randomIntegersStayWithinBounds() {
        RowType schema = new RowType(List.of(new Field("a", DataType.of(TypeKind.INT)),
                new Field("b", DataType.of(TypeKind.TINYINT)), new Field("c", DataType.decimal(5, 2))));
        List<List<Object>> rows = readAll(source(schema, Map.of("number-of-rows", "5000", "fields.a.min", "-3",
                "fields.a.max", "3", "fields.c.min", "1.5", "fields.c.max", "2")), 1, allocator, schema, 1024);
        Set<Object> seen = new HashSet<>();
        for (List<Object> row : rows) {
            assertThat((Integer) row.get(0)).isBetween(-3, 3);
            seen.add(row.get(0));
            assertThat((Byte) row.get(1)).isBetween(Byte.MIN_VALUE, Byte.MAX_VALUE);
            assertThat((BigDecimal) row.get(2)).isBetween(new BigDecimal("1.50"), new BigDecimal("2.00"));
            assertThat(((BigDecimal) row.get(2)).scale()).isEqualTo(2);
        }
        assertThat(seen).hasSize(7);
    }

    @Test
    void everyBasicTypeIsGenerated() {
        RowType schema = new RowType(List.of(new Field("bo", DataType.of(TypeKind.BOOLEAN)),
                new Field("ti", DataType.of(TypeKind.TINYINT)), new Field("si", DataType.of(TypeKind.SMALLINT)),
                new Field("i", DataType.of(TypeKind.INT)), new Field("bi", DataType.of(TypeKind.BIGINT)),
                new Field("f", DataType.of(TypeKind.FLOAT)), new Field("d", DataType.of(TypeKind.DOUBLE)),
                new Field("de", DataType.decimal(38, 4)), new Field("ch", new DataType(TypeKind.CHAR, 3, 0, true,
                        List.of())), new Field("s", DataType.of(TypeKind.STRING)),
                new Field("by", DataType.of(TypeKind.BYTES)), new Field("da", DataType.of(TypeKind.DATE)),
                new Field("tm", DataType.of(TypeKind.TIME)), new Field("ts", DataType.timestamp(3)),
                new Field("ltz", DataType.of(TypeKind.TIMESTAMP_LTZ))));
        long before = System.currentTimeMillis();
        List<List<Object>> rows = readAll(source(schema, Map.of("number-of-rows", "200", "fields.ltz.max-past",
                "1h", "fields.by.length", "5")), 2, allocator, schema, 64);
        assertThat(rows).hasSize(200);
        for (List<Object> row : rows) {
            assertThat(row).doesNotContainNull();
            assertThat((String) row.get(8)).hasSize(3);
            assertThat((byte[]) row.get(10)).hasSize(5);
            assertThat((Long) row.get(14)).isBetween(before - 3_600_000, System.currentTimeMillis());
        }
    }

    @Test
    void nullRateProducesNulls() {
        RowType schema = new RowType(List.of(new Field("a", DataType.of(TypeKind.INT)),
                new Field("s", DataType.of(TypeKind.STRING))));
        List<List<Object>> rows = readAll(source(schema, Map.of("number-of-rows", "2000", "fields.a.null-rate", "1",
                "fields.s.null-rate", "0.5")), 1, allocator, schema, 500);
        assertThat(rows).allSatisfy(r -> assertThat(r.get(0)).isNull());
        long nulls = rows.stream().filter(r -> r.get(1) == null).count();
        assertThat(nulls).isBetween(800L, 1200L);
    }

    @Test
    void sameSplitGivesSameRows() {
        TableSource source = source(ID_NAME, Map.of("number-of-rows", "50"));
        assertThat(readAll(source, 2, allocator, ID_NAME, 16))
                .usingRecursiveComparison().isEqualTo(readAll(source, 2, allocator, ID_NAME, 16));
    }

    @Test
    void unboundedTableIsPacedWithoutBlocking() {
        TableSource source = source(ID_NAME, Map.of("rows-per-second", "100"));
        assertThat(source.isBounded()).isFalse();
        try (SourceReader reader = source.createReader(source.planSplits(1).get(0), new ReaderContext("j", 0, 1));
                VectorSchemaRoot root = ArrowTypes.allocate(ID_NAME, allocator)) {
            BatchBuilder first = new BatchBuilder(root, 1000);
            assertThat(reader.read(first)).isEqualTo(SourceReader.ReadStatus.MORE);
            assertThat(first.rowCount()).isEqualTo(1);
            long start = System.nanoTime();
            assertThat(reader.read(first)).isEqualTo(SourceReader.ReadStatus.NOTHING_AVAILABLE);
            assertThat(System.nanoTime() - start).isLessThan(50_000_000L);
        }
    }

    @Test
    void boundedTableIsNotPacedUnlessAsked() {
        TableSource source = source(ID_NAME, Map.of("number-of-rows", "100000"));
        long start = System.nanoTime();
        assertThat(readAll(source, 1, allocator, ID_NAME, 10_000)).hasSize(100_000);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void rejectsFieldOptionsForUnknownColumns() {
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.nope.kind", "random")))
                .isInstanceOf(WeirException.class)
                .hasMessage("Option 'fields.nope.kind' names no column of table 't'; columns: id, name")
                .extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.INVALID_OPTION);
    }

    @Test
    void rejectsUnknownOptionsListingSupportedOnes() {
        assertThatThrownBy(() -> context(ID_NAME, Map.of("rows-per-sec", "1")))
                .hasMessageStartingWith("Unknown option 'rows-per-sec' for table 't' (connector 'datagen'); "
                        + "supported options: fields.#.end, fields.#.kind");
    }

    @Test
    void rejectsBadValuesNamingTheAllowedOnes() {
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.id.kind", "counter")))
                .hasMessage("Invalid value 'counter' for option 'fields.id.kind' of table 't': "
                        + "expected one of random, sequence");
        assertThatThrownBy(() -> context(ID_NAME, Map.of("rows-per-second", "0")))
                .hasMessage("Invalid value '0' for option 'rows-per-second' of table 't': "
                        + "expected a whole number of at least 1");
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.id.null-rate", "2")))
                .hasMessageContaining("expected a number between 0 and 1");
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.id.min", "x")))
                .hasMessage("Invalid value 'x' for option 'fields.id.min' of table 't': expected a number");
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.id.min", "5", "fields.id.max", "1")))
                .hasMessageContaining("'fields.id.max'");
    }

    @Test
    void rejectsIncompleteOrOversizedSequences() {
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.id.kind", "sequence", "fields.id.start", "1")))
                .hasMessage("Sequence column 'id' of table 't' needs both 'fields.id.start' and 'fields.id.end'");
        assertThatThrownBy(() -> context(ID_NAME, Map.of("number-of-rows", "11", "fields.id.kind", "sequence",
                "fields.id.start", "1", "fields.id.end", "10")))
                .hasMessageContaining("'number-of-rows' (11)").hasMessageContaining("sequence column 'id'");
        assertThatThrownBy(() -> context(ID_NAME, Map.of("fields.id.start", "1")))
                .hasMessageContaining("does not apply to column 'id'");
    }

    @Test
    void rejectsOptionsThatDoNotFitTheType() {
        RowType schema = new RowType(List.of(new Field("ts", DataType.timestamp(3)),
                new Field("b", DataType.of(TypeKind.TINYINT))));
        assertThatThrownBy(() -> context(schema, Map.of("fields.ts.kind", "sequence", "fields.ts.start", "1",
                "fields.ts.end", "2"))).hasMessageContaining("cannot be a sequence");
        assertThatThrownBy(() -> context(schema, Map.of("fields.b.max", "300")))
                .hasMessageContaining("expected a value of TINYINT between -128 and 127");
        assertThatThrownBy(() -> context(schema, Map.of("fields.b.length", "3")))
                .hasMessageContaining("'fields.b.length'").hasMessageContaining("does not apply");
    }
}
