package io.weir.executor.internal;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Batches#gather} gives the same values as reading the picked rows one by one, nulls included. */
class BatchesGatherTest {
    private final BufferAllocator allocator = new RootAllocator(64L << 20);

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void gatheredRowsEqualThePickedRowsOfEveryColumnType() {
        RowType type = row("b", type(TypeKind.BOOLEAN), "t", type(TypeKind.TINYINT), "s", type(TypeKind.SMALLINT),
                "i", type(TypeKind.INT), "l", type(TypeKind.BIGINT), "f", type(TypeKind.FLOAT), "d", type(TypeKind.DOUBLE),
                "dec", DataType.decimal(20, 3), "str", type(TypeKind.STRING), "bin", type(TypeKind.BYTES),
                "day", type(TypeKind.DATE), "ts", DataType.timestamp(3), "arr", DataType.array(type(TypeKind.INT)));
        Random random = new Random(42);
        List<IntFunction<Object>> values = List.of(
                r -> r % 2 == 0, r -> (byte) r, r -> (short) (r * 7), r -> r * 31, r -> r * 1_000_003L,
                r -> r / 4f, r -> r / 3.0, r -> new BigDecimal(r).movePointLeft(3), r -> "row " + "x".repeat(r % 40) + r,
                r -> new byte[] {(byte) r, (byte) (r >> 8)}, r -> 19_000 + r, r -> 1_700_000_000_000L + r,
                r -> List.of(r, r + 1));
        int rows = 3000;
        try (VectorSchemaRoot batch = Batches.allocate(type, allocator, 16)) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < type.size(); c++) {
                    BatchValues.set(batch.getVector(c), r, random.nextInt(5) == 0 ? null : values.get(c).apply(r));
                }
            }
            batch.setRowCount(rows);
            // every third row, and some rows more than once, out of order
            List<Integer> picked = new ArrayList<>();
            for (int r = rows - 1; r >= 0; r -= 3) {
                picked.add(r);
            }
            picked.addAll(List.of(5, 5, 0, rows - 1));
            int[] indexes = picked.stream().mapToInt(Integer::intValue).toArray();
            try (VectorSchemaRoot gathered = Batches.gather(batch, type, indexes, indexes.length, allocator)) {
                assertThat(gathered.getRowCount()).isEqualTo(indexes.length);
                for (int i = 0; i < indexes.length; i++) {
                    for (int c = 0; c < type.size(); c++) {
                        assertThat(comparable(BatchValues.get(gathered.getVector(c), i)))
                                .as("row %d (from %d), column %s", i, indexes[i], type.field(c).name())
                                .isEqualTo(comparable(BatchValues.get(batch.getVector(c), indexes[i])));
                    }
                }
            }
        }
    }

    @Test
    void gatheringNoRowsGivesAnEmptyBatch() {
        RowType type = row("str", type(TypeKind.STRING), "l", type(TypeKind.BIGINT));
        try (VectorSchemaRoot batch = Batches.allocate(type, allocator, 4)) {
            BatchValues.set(batch.getVector(0), 0, "a");
            BatchValues.set(batch.getVector(1), 0, 1L);
            batch.setRowCount(1);
            try (VectorSchemaRoot gathered = Batches.gather(batch, type, new int[0], 0, allocator)) {
                assertThat(gathered.getRowCount()).isZero();
            }
        }
    }

    private static Object comparable(Object value) {
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : value == null ? null : value.toString();
    }
}
