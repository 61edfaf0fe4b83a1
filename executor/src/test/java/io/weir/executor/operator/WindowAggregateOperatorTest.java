package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.Vertex;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowAggregateOperatorTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    /** key, value, window_start, window_end. */
    private static final RowType INPUT = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
            new Field("window_start", TIMESTAMP), new Field("window_end", TIMESTAMP)));
    /** window_start, window_end, key, COUNT(*), MAX(v). */
    private static final RowType OUTPUT = new RowType(List.of(new Field("window_start", TIMESTAMP),
            new Field("window_end", TIMESTAMP), new Field("k", BIGINT), new Field("n", BIGINT), new Field("top", BIGINT)));
    private static final WindowAggregateSpec SPEC = new WindowAggregateSpec(List.of(2, 3, 0), 3, List.of(
            new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"),
            new AggregateCall(AggregateFunction.MAX, List.of(1), false, BIGINT, "top")));

    private BufferAllocator allocator;
    private final LongAdder late = new LongAdder();
    private final List<String> out = new ArrayList<>();
    private boolean finished;
    private Operator operator;

    @BeforeEach
    void create() {
        allocator = new RootAllocator();
        operator = create(SPEC, () -> {
            throw new AssertionError("an event-time window aggregate must not read the clock");
        });
    }

    private Operator create(WindowAggregateSpec spec, LongSupplier clock) {
        Vertex vertex = new Vertex(1, "WindowAggregate", 1, spec, OUTPUT);
        TaskContext context = new TaskContext("job", vertex, 0, List.of(INPUT), allocator, 4, () -> false, late);
        return new WindowAggregateOperator.WindowAggregateFactory(spec, INPUT, OUTPUT, clock).create(context, new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                try (batch) {
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                            row.add(BatchValues.get(batch.getVector(c), r));
                        }
                        out.add(row.toString());
                    }
                }
            }

            @Override
            public void emitWatermark(long watermark) {
                out.add("wm " + watermark);
            }

            @Override
            public void finish() {
                finished = true;
            }
        });
    }

    @AfterEach
    void close() {
        operator.close();
        allocator.close();
    }

    /** One row per (key, value, window start) of a 10 ms TUMBLE window. */
    private void rows(long... keyValueStart) {
        int count = keyValueStart.length / 3;
        VectorSchemaRoot root = Batches.allocate(INPUT, allocator, count);
        BatchBuilder builder = new BatchBuilder(root, count);
        for (int i = 0; i < keyValueStart.length; i += 3) {
            long start = keyValueStart[i + 2];
            builder.append(new Object[] {keyValueStart[i], keyValueStart[i + 1] < 0 ? null : keyValueStart[i + 1],
                start, start + 10});
        }
        operator.process(0, builder.finish());
    }

    private void watermark(long watermark) {
        if (operator.processWatermark(watermark)) {
            out.add("wm " + watermark);
        }
    }

    @Test
    void firesAWindowOnlyWhenTheWatermarkReachesItsEndMinusOneMillisecond() {
        rows(1, 5, 0, 2, 7, 0, 1, 9, 0, 1, 3, 10);
        watermark(8);
        assertThat(out).containsExactly("wm 8");
        watermark(9);
        assertThat(out).containsExactly("wm 8", "[0, 10, 1, 2, 9]", "[0, 10, 2, 1, 7]", "wm 9");
        watermark(19);
        assertThat(out).endsWith("[10, 20, 1, 1, 3]", "wm 19");
        assertThat(late.sum()).isZero();
    }

    @Test
    void dropsExactlyTheRowsWhoseWindowHasFired() {
        rows(1, 5, 0);
        watermark(8);
        rows(1, 6, 0);
        watermark(9);
        // window [0, 10) fired at watermark 9 = end - 1; its rows are late now, [10, 20) is not
        rows(1, 100, 0, 1, 1, 10, 2, 100, 0);
        assertThat(late.sum()).isEqualTo(2);
        operator.finish();
        assertThat(finished).isTrue();
        assertThat(out).containsExactly("wm 8", "[0, 10, 1, 2, 6]", "wm 9", "[10, 20, 1, 1, 1]");
    }

    @Test
    void firesWindowsInOrderOfTheirEndAndFreesThem() {
        rows(1, 1, 20, 1, 2, 0, 1, 3, 10);
        watermark(Long.MAX_VALUE);
        assertThat(out).containsExactly("[0, 10, 1, 1, 2]", "[10, 20, 1, 1, 3]", "[20, 30, 1, 1, 1]",
                "wm " + Long.MAX_VALUE);
        operator.finish();
        assertThat(out).hasSize(4);
    }

    @Test
    void nullValuesAreCountedByCountStarButNotByMax() {
        rows(1, -1, 0, 1, -1, 0);
        operator.finish();
        assertThat(out).containsExactly("[0, 10, 1, 2, null]");
    }

    @Test
    void theEndOfInputFiresEveryRemainingWindow() {
        rows(3, 4, -10, 3, 5, 1000);
        watermark(-1000);
        operator.finish();
        assertThat(out).containsExactly("wm -1000", "[-10, 0, 3, 1, 4]", "[1000, 1010, 3, 1, 5]");
        assertThat(finished).isTrue();
    }

    @Test
    void processingTimeWindowsFireByTheClockAndLoseNoRowWhoseWindowHasFired() {
        operator.close();
        AtomicLong now = new AtomicLong(5);
        operator = create(new WindowAggregateSpec(SPEC.groupKeys(), SPEC.windowEndColumn(), SPEC.calls(), true),
                now::get);
        rows(1, 5, 0, 2, 7, 0);
        // the watermark (event time) does not fire a processing-time window
        watermark(1000);
        assertThat(out).containsExactly("wm 1000");
        now.set(10);
        rows(1, 9, 0, 1, 3, 10);
        assertThat(out).containsExactly("wm 1000", "[0, 10, 1, 2, 9]", "[0, 10, 2, 1, 7]");
        // a row stamped just before 10 arrives after its window fired: a second [0, 10) window takes it
        rows(2, 4, 0);
        assertThat(late.sum()).isZero();
        assertThat(out).endsWith("[0, 10, 2, 1, 4]");
        now.set(19);
        watermark(1001);
        assertThat(out).endsWith("wm 1001");
        operator.finish();
        assertThat(out).endsWith("[10, 20, 1, 1, 3]");
        assertThat(finished).isTrue();
    }
}
