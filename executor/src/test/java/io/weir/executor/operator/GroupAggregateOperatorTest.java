package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.GroupAggregateOperator.GroupAggregateOperatorFactory;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.Vertex;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming GROUP BY as steps of input changes and the changelog each step must emit, in
 * Flink's notation: {@code +I[k, v]}, {@code -U[...]}, {@code +U[...]}, {@code -D[...]}.
 */
class GroupAggregateOperatorTest {
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final DataType STRING = type(TypeKind.STRING);
    private static final RowType INPUT = row("k", STRING, "v", BIGINT);
    private static final RowType CHANGELOG_INPUT = RowKind.withRowKind(INPUT);

    private static AggregateCall call(AggregateFunction function, boolean distinct, Integer... arguments) {
        return new AggregateCall(function, List.of(arguments), distinct, BIGINT, function.name().toLowerCase());
    }

    /** COUNT(*), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v) grouped by k. */
    private static final GroupAggregateSpec SPEC = new GroupAggregateSpec(List.of(0), List.of(
            call(AggregateFunction.COUNT, false), call(AggregateFunction.SUM, false, 1),
            call(AggregateFunction.MIN, false, 1), call(AggregateFunction.MAX, false, 1),
            call(AggregateFunction.COUNT, true, 1)));
    private static final RowType OUTPUT = RowKind.withRowKind(row("k", STRING, "n", BIGINT, "s", BIGINT,
            "lo", BIGINT, "hi", BIGINT, "d", BIGINT));

    @AfterEach
    void everyRocksDbInstanceIsClosed() {
        TestBackends.assertAllClosed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void insertsThenUpdatesEachGroupAndSkipsUnchangedResults(String backend) {
        RowType output = RowKind.withRowKind(row("k", STRING, "hi", BIGINT));
        GroupAggregateSpec maxOnly = new GroupAggregateSpec(List.of(0), List.of(call(AggregateFunction.MAX, false, 1)));
        try (Harness harness = new Harness(backend, maxOnly, INPUT, output)) {
            assertThat(harness.step(new Object[] {"a", 5L}, new Object[] {"b", 1L}))
                    .containsExactly("+I[a, 5]", "+I[b, 1]");
            assertThat(harness.step(new Object[] {"a", 7L})).containsExactly("-U[a, 5]", "+U[a, 7]");
            // MAX stays 7: Flink emits nothing for an unchanged result
            assertThat(harness.step(new Object[] {"a", 3L})).isEmpty();
            assertThat(harness.step(new Object[] {null, null}, new Object[] {null, 4L}))
                    .containsExactly("+I[null, null]", "-U[null, null]", "+U[null, 4]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void retractionsUpdateEveryFunctionAndDeleteEmptiedGroups(String backend) {
        try (Harness harness = new Harness(backend, SPEC, CHANGELOG_INPUT, OUTPUT)) {
            assertThat(harness.step(change(RowKind.INSERT, "a", 5L), change(RowKind.INSERT, "a", 9L),
                    change(RowKind.INSERT, "a", 5L)))
                    .containsExactly("+I[a, 1, 5, 5, 5, 1]", "-U[a, 1, 5, 5, 5, 1]", "+U[a, 2, 14, 5, 9, 2]",
                            "-U[a, 2, 14, 5, 9, 2]", "+U[a, 3, 19, 5, 9, 2]");
            // retracting the maximum falls back to the next value; one 5 remains, so DISTINCT still counts it
            assertThat(harness.step(change(RowKind.UPDATE_BEFORE, "a", 9L), change(RowKind.UPDATE_AFTER, "a", 2L)))
                    .containsExactly("-U[a, 3, 19, 5, 9, 2]", "+U[a, 2, 10, 5, 5, 1]",
                            "-U[a, 2, 10, 5, 5, 1]", "+U[a, 3, 12, 2, 5, 2]");
            assertThat(harness.step(change(RowKind.DELETE, "a", 5L), change(RowKind.DELETE, "a", 5L)))
                    .containsExactly("-U[a, 3, 12, 2, 5, 2]", "+U[a, 2, 7, 2, 5, 2]",
                            "-U[a, 2, 7, 2, 5, 2]", "+U[a, 1, 2, 2, 2, 1]");
            assertThat(harness.step(change(RowKind.DELETE, "a", 2L), change(RowKind.DELETE, "zz", 1L)))
                    .containsExactly("-D[a, 1, 2, 2, 2, 1]");
            assertThat(harness.step(change(RowKind.INSERT, "a", null)))
                    .containsExactly("+I[a, 1, null, null, null, 0]");
        }
    }

    /**
     * Random inserts and retractions of earlier rows, in batches of random size: applying the emitted
     * changelog must give, after every batch, the aggregate computed directly over the live rows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void appliedChangelogEqualsTheAggregateOfTheLiveRows(String backend) {
        Random random = new Random(42);
        List<Object[]> live = new ArrayList<>();
        Map<Object, List<Object>> applied = new HashMap<>();
        try (Harness harness = new Harness(backend, SPEC, CHANGELOG_INPUT, OUTPUT)) {
            for (int step = 0; step < 60; step++) {
                List<Object[]> batch = new ArrayList<>();
                for (int i = random.nextInt(20); i >= 0; i--) {
                    if (!live.isEmpty() && random.nextInt(3) == 0) {
                        Object[] gone = live.remove(random.nextInt(live.size()));
                        batch.add(change(random.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE, gone[0], gone[1]));
                    } else {
                        Object[] added = {"k" + random.nextInt(4), random.nextInt(10) == 0 ? null : (long) random.nextInt(50)};
                        live.add(added);
                        batch.add(change(random.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER, added[0], added[1]));
                    }
                }
                for (List<Object> change : harness.process(batch)) {
                    RowKind kind = RowKind.fromByteValue((Byte) change.get(change.size() - 1));
                    List<Object> values = change.subList(0, change.size() - 1);
                    if (kind.isAccumulate()) {
                        assertThat(applied.put(values.get(0), values)).as("a +I/+U after its -U").isNull();
                    } else {
                        assertThat(applied.remove(values.get(0))).isEqualTo(values);
                    }
                }
                assertThat(new TreeMap<>(applied)).isEqualTo(expected(live));
            }
        }
    }

    /** The aggregate per key of {@code rows}, computed directly. */
    private static TreeMap<Object, List<Object>> expected(List<Object[]> rows) {
        Map<Object, List<Long>> values = new HashMap<>();
        Map<Object, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.merge(row[0], 1L, Long::sum);
            List<Long> list = values.computeIfAbsent(row[0], k -> new ArrayList<>());
            if (row[1] != null) {
                list.add((Long) row[1]);
            }
        }
        TreeMap<Object, List<Object>> result = new TreeMap<>();
        for (Map.Entry<Object, Long> entry : counts.entrySet()) {
            List<Long> list = values.get(entry.getKey());
            Long sum = list.isEmpty() ? null : list.stream().mapToLong(Long::longValue).sum();
            Long min = list.stream().min(Long::compare).orElse(null);
            Long max = list.stream().max(Long::compare).orElse(null);
            long distinct = list.stream().distinct().count();
            result.put(entry.getKey(), Arrays.asList(entry.getKey(), entry.getValue(), sum, min, max, distinct));
        }
        return result;
    }

    private static Object[] change(RowKind kind, Object key, Object value) {
        return new Object[] {key, value, kind.toByteValue()};
    }

    /** Runs one operator instance in the test's thread and returns what each step emitted. */
    private static final class Harness implements AutoCloseable {
        private final BufferAllocator allocator = new RootAllocator();
        private final RowType inputType;
        private final List<List<Object>> emitted = new ArrayList<>();
        private final Operator operator;

        Harness(String backend, GroupAggregateSpec spec, RowType inputType, RowType outputType) {
            this.inputType = inputType;
            Vertex vertex = new Vertex(1, "GroupAggregate", 1, spec, outputType);
            TaskContext context = new TaskContext("job", vertex, 0, List.of(inputType), allocator, 4, () -> false,
                    new java.util.concurrent.atomic.LongAdder(), TestBackends.of(backend));
            this.operator = new GroupAggregateOperatorFactory(spec, inputType, outputType).create(context, new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {
                    try (batch) {
                        for (int r = 0; r < batch.getRowCount(); r++) {
                            List<Object> row = new ArrayList<>();
                            for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                                row.add(BatchValues.get(batch.getVector(c), r));
                            }
                            emitted.add(row);
                        }
                    }
                }

                @Override
                public void finish() {
                }
            });
        }

        List<List<Object>> process(List<Object[]> rows) {
            emitted.clear();
            VectorSchemaRoot root = Batches.allocate(inputType, allocator, rows.size());
            BatchBuilder builder = new BatchBuilder(root, Math.max(1, rows.size()));
            rows.forEach(builder::append);
            operator.process(0, builder.finish());
            return new ArrayList<>(emitted);
        }

        /** One step in Flink's notation, e.g. {@code -U[a, 5]}. */
        List<String> step(Object[]... rows) {
            List<String> shown = new ArrayList<>();
            for (List<Object> row : process(Arrays.asList(rows))) {
                RowKind kind = RowKind.fromByteValue((Byte) row.get(row.size() - 1));
                shown.add(kind.shortString() + row.subList(0, row.size() - 1));
            }
            return shown;
        }

        @Override
        public void close() {
            operator.close();
            allocator.close();
        }
    }
}
