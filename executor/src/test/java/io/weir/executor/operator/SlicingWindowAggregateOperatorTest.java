package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.executor.plan.WindowAssignSpec;
import io.weir.executor.plan.WindowSlicing;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sliced window aggregate against the one that gets a row per window: the same out-of-order rows
 * and watermarks through WindowAssign(HOP or CUMULATE) → WindowAggregate and through WindowAssign(TUMBLE
 * of the step) → SlicingWindowAggregate must fire the same windows with the same groups at the same
 * watermarks, late rows included.
 */
class SlicingWindowAggregateOperatorTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
    private static final RowType INPUT = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
            new Field("ts", TIMESTAMP)));
    /** k, v, ts, window_start, window_end, window_time. */
    private static final RowType WINDOWED = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
            new Field("ts", TIMESTAMP), new Field("window_start", TIMESTAMP), new Field("window_end", TIMESTAMP),
            new Field("window_time", TIMESTAMP)));
    private static final List<Integer> KEYS = List.of(3, 4, 5, 0);
    private static final RowType OUTPUT = new RowType(List.of(new Field("window_start", TIMESTAMP),
            new Field("window_end", TIMESTAMP), new Field("window_time", TIMESTAMP), new Field("k", BIGINT),
            new Field("n", BIGINT), new Field("total", BIGINT), new Field("low", BIGINT), new Field("high", BIGINT),
            new Field("mean", DOUBLE)));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"),
            new AggregateCall(AggregateFunction.SUM, List.of(1), false, BIGINT, "total"),
            new AggregateCall(AggregateFunction.MIN, List.of(1), false, BIGINT, "low"),
            new AggregateCall(AggregateFunction.MAX, List.of(1), false, BIGINT, "high"),
            new AggregateCall(AggregateFunction.AVG, List.of(1), false, DOUBLE, "mean"));

    /**
     * A window assignment feeding a window aggregate: what comes out of the aggregate, each watermark's
     * rows sorted (windows fire in order of their ends, a window's groups in any) and followed by the
     * watermark.
     */
    private static final class Pipeline implements AutoCloseable {
        final List<String> out = new ArrayList<>();
        private final OperatorHarness assign;
        private final OperatorHarness aggregate;
        private int seen;

        Pipeline(WindowAssignSpec assignSpec, WindowAggregateSpec aggregateSpec) {
            assign = new OperatorHarness(new WindowAssignOperator.WindowAssignOperatorFactory(assignSpec, INPUT, WINDOWED),
                    assignSpec, WINDOWED, 7, INPUT);
            OperatorFactory factory = aggregateSpec.slicing() == null
                    ? new WindowAggregateOperator.WindowAggregateFactory(aggregateSpec, WINDOWED, OUTPUT)
                    : new SlicingWindowAggregateOperator.SlicingWindowAggregateFactory(aggregateSpec, WINDOWED, OUTPUT);
            aggregate = new OperatorHarness(factory, aggregateSpec, OUTPUT, 7, WINDOWED);
        }

        void rows(List<Object[]> rows) {
            int before = assign.emitted().size();
            assign.process(0, rows);
            List<List<Object>> windowed = assign.emitted().subList(before, assign.emitted().size());
            aggregate.process(0, windowed.stream().map(List::toArray).toList());
        }

        void watermark(long watermark) {
            aggregate.watermark(watermark);
            collect();
            out.add("wm " + watermark);
        }

        void finish() {
            aggregate.finish();
            collect();
        }

        long lateRows() {
            return aggregate.lateRows();
        }

        private void collect() {
            List<List<Object>> emitted = aggregate.emitted();
            emitted.subList(seen, emitted.size()).stream().map(Object::toString).sorted().forEach(out::add);
            seen = emitted.size();
        }

        @Override
        public void close() {
            assign.close();
            aggregate.close();
        }
    }

    @ParameterizedTest(name = "{0} step {1} size {2}, seed {3}")
    @CsvSource({"HOP, 10, 30, 1", "HOP, 5, 20, 2", "HOP, 10, 10, 3", "CUMULATE, 10, 40, 4", "CUMULATE, 5, 15, 5"})
    void firesTheSameWindowsAsAggregatingEachWindow(WindowAssignSpec.Kind kind, long step, long size, long seed) {
        WindowAssignSpec windows = new WindowAssignSpec(kind, 2, size, step, true);
        WindowSlicing slicing = new WindowSlicing(windows, 3, 5);
        Random random = new Random(seed);
        try (Pipeline perWindow = new Pipeline(windows, new WindowAggregateSpec(KEYS, 4, CALLS));
                Pipeline sliced = new Pipeline(slicing.sliceAssigner(),
                        new WindowAggregateSpec(KEYS, 4, CALLS, false, slicing))) {
            long maxTime = Long.MIN_VALUE;
            for (int batch = 0; batch < 40; batch++) {
                List<Object[]> rows = new ArrayList<>();
                for (int r = random.nextInt(6); r >= 0; r--) {
                    // times drift upwards with a spread, so some rows come after the windows of their slice fired
                    long time = batch * 4L + random.nextInt(40) - 20;
                    maxTime = Math.max(maxTime, time);
                    Long value = random.nextInt(8) == 0 ? null : (long) random.nextInt(100) - 20;
                    rows.add(new Object[] {(long) random.nextInt(4), value, time});
                }
                perWindow.rows(rows);
                sliced.rows(rows);
                if (random.nextBoolean()) {
                    long watermark = maxTime - random.nextInt(10);
                    perWindow.watermark(watermark);
                    sliced.watermark(watermark);
                }
            }
            perWindow.finish();
            sliced.finish();
            assertThat(sliced.out).isEqualTo(perWindow.out);
            assertThat(sliced.out.stream().filter(row -> row.startsWith("[")).count()).isGreaterThan(20);
            if (kind == WindowAssignSpec.Kind.HOP && size > step) {
                // a row late for all its windows is dropped once; one late for some windows is counted in none
                assertThat(sliced.lateRows()).isPositive().isLessThan(perWindow.lateRows());
            }
        }
    }
}
