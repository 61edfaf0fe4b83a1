package io.weir.spi.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {
    private static final RowType ROW = new RowType(List.of(
            new Field("b", DataType.of(TypeKind.BOOLEAN)), new Field("i", DataType.of(TypeKind.INT)),
            new Field("l", DataType.of(TypeKind.BIGINT)), new Field("d", DataType.decimal(10, 2)),
            new Field("s", DataType.of(TypeKind.STRING)), new Field("day", DataType.of(TypeKind.DATE)),
            new Field("ts", DataType.timestamp(3)), new Field("f", DataType.of(TypeKind.DOUBLE)),
            new Field("bytes", DataType.of(TypeKind.BYTES))));

    @Test
    void valuesRoundTripThroughArrowVectorsIncludingNulls() {
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ArrowTypes.allocate(ROW, allocator)) {
            BatchBuilder builder = new BatchBuilder(root, 2);
            builder.append(new Object[] {true, 7, 8L, new BigDecimal("12.5"), "Oslo", 20000, 1_700_000_000_000L, 1.5,
                new byte[] {1, 2}});
            builder.append(new Object[] {null, null, null, null, null, null, null, null, null});
            assertThat(builder.isFull()).isTrue();
            VectorSchemaRoot batch = builder.finish();
            assertThat(batch.getRowCount()).isEqualTo(2);
            Object[] first = new Object[ROW.size()];
            for (int column = 0; column < ROW.size(); column++) {
                first[column] = BatchValues.get(batch.getVector(column), 0);
                assertThat(BatchValues.get(batch.getVector(column), 1)).isNull();
            }
            assertThat(first).containsExactly(true, 7, 8L, new BigDecimal("12.50"), "Oslo", 20000, 1_700_000_000_000L,
                    1.5, new byte[] {1, 2});
            assertThatThrownBy(() -> builder.append(new Object[ROW.size()])).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void decimalsAreRescaledAndCheckedForOverflow() {
        assertThat(Decimals.rescale(new BigDecimal("1.005"), 10, 2)).isEqualTo(new BigDecimal("1.01"));
        assertThatThrownBy(() -> Decimals.rescale(new BigDecimal("123456789.1"), 10, 2))
                .isInstanceOf(WeirException.class).hasMessageContaining("DECIMAL(10, 2)");
    }

    @Test
    void nestedValuesGoInAndComeOutOfTheirVectors() {
        DataType type = DataType.row(List.of(new Field("a", DataType.array(DataType.of(TypeKind.INT))),
                new Field("m", DataType.map(DataType.of(TypeKind.STRING), DataType.of(TypeKind.BIGINT)))));
        RowType schema = new RowType(List.of(new Field("r", type)));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("x", 1L);
        map.put("y", null);
        List<Object> first = Arrays.asList(Arrays.asList(1, null, 3), map);
        List<Object> second = Arrays.asList(null, Map.of());
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ArrowTypes.allocate(schema, allocator)) {
            BatchValues.set(root.getVector(0), 0, first);
            BatchValues.set(root.getVector(0), 1, null);
            BatchValues.set(root.getVector(0), 2, second);
            root.setRowCount(3);
            assertThat(BatchValues.get(root.getVector(0), 0)).isEqualTo(first);
            assertThat(BatchValues.get(root.getVector(0), 1)).isNull();
            assertThat(BatchValues.get(root.getVector(0), 2)).isEqualTo(second);
        }
    }
}
