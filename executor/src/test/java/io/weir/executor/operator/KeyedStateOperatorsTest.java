package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.internal.Batches;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.plan.WindowRankSpec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming join, Top-N, OVER aggregate, session assignment, window Top-N and window join with
 * their keyed state in the heap and in the RocksDB backend: over random input, the output (as the
 * multiset of rows the changelog leaves) equals a plain-Java computation over the whole input, in an uninterrupted run at
 * parallelism 1 and in runs at parallelism 2 that are snapshotted half way and resumed at 3, 1 and 2
 * subtasks (rows routed by key group, as the exchange does; state handed out as the runner does).
 */
class KeyedStateOperatorsTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final RowType KV = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT)));
    private static final RowType KV_CHANGES = RowKind.withRowKind(KV);
    private static final RowType KVT = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
            new Field("ts", TIMESTAMP)));
    /** (subtasks before, subtasks after): 1 -> 1 is the uninterrupted run. */
    private static final int[][] RUNS = {{1, 1}, {2, 3}, {2, 1}, {2, 2}};

    private final BufferAllocator routing = new RootAllocator();

    @AfterEach
    void everyInstanceIsClosed() {
        routing.close();
        TestBackends.assertAllClosed();
    }

    /** One step of input: a batch for input {@code input}, or a watermark (input -1). */
    private record Step(int input, List<Object[]> rows, long watermark) {
    }

    /** How to make the operator under test, and which columns route each input's rows. */
    private record Setup(OperatorFactory factory, OperatorSpec spec, RowType output, List<List<Integer>> keys,
            RowType... inputs) {
        OperatorHarness create(StateBackendFactory backends, int subtask, int parallelism) {
            return new OperatorHarness(backends, subtask, parallelism, factory, spec, output, 3, inputs);
        }
    }

    static Stream<Arguments> joins() {
        List<Arguments> cases = new ArrayList<>();
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL)) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                cases.add(Arguments.of(type, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} join on {1}")
    @MethodSource("joins")
    void regularJoinsMatchANestedLoopOverTheLiveRows(JoinType type, String backend) {
        JoinSpec join = new JoinSpec(type, List.of(0), List.of(0), null);
        StreamingJoinSpec spec = new StreamingJoinSpec(join, true, true, true);
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
                new Field("k2", BIGINT), new Field("v2", BIGINT))));
        Setup setup = new Setup(new StreamingJoinOperator.StreamingJoinOperatorFactory(spec, KV_CHANGES, KV_CHANGES), spec,
                out, List.of(List.of(0), List.of(0)), KV_CHANGES, KV_CHANGES);
        Random random = new Random(type.ordinal() * 31L + 5);
        List<List<Object[]>> live = List.of(new ArrayList<>(), new ArrayList<>());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int side = random.nextInt(2);
            steps.add(new Step(side, changes(random, live.get(side), 4), 0));
        }
        Map<List<Object>, Long> expected = new HashMap<>();
        for (Object[] left : live.get(0)) {
            boolean matched = false;
            for (Object[] right : live.get(1)) {
                if (left[0] != null && left[0].equals(right[0])) {
                    matched = true;
                    expected.merge(Arrays.asList(left[0], left[1], right[0], right[1]), 1L, Long::sum);
                }
            }
            if (!matched && type.padsLeft()) {
                expected.merge(Arrays.asList(left[0], left[1], null, null), 1L, Long::sum);
            }
        }
        for (Object[] right : live.get(1)) {
            boolean matched = live.get(0).stream().anyMatch(left -> right[0] != null && right[0].equals(left[0]));
            if (!matched && type.padsRight()) {
                expected.merge(Arrays.asList(null, null, right[0], right[1]), 1L, Long::sum);
            }
        }
        checkAllRuns(setup, backend, steps, true, expected);
    }

    /** Random inserts (some with a NULL key) and retractions of live rows of one side, as a changelog batch. */
    private static List<Object[]> changes(Random random, List<Object[]> live, int count) {
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!live.isEmpty() && random.nextInt(4) == 0) {
                Object[] gone = live.remove(random.nextInt(live.size()));
                batch.add(new Object[] {gone[0], gone[1], RowKind.DELETE.toByteValue()});
            } else {
                Object[] added = {random.nextInt(12) == 0 ? null : (long) random.nextInt(5), (long) random.nextInt(4)};
                live.add(added);
                batch.add(new Object[] {added[0], added[1], RowKind.INSERT.toByteValue()});
            }
        }
        return batch;
    }

    @ParameterizedTest(name = "changelog input {0} on {1}")
    @MethodSource("topN")
    void topNPerKeyMatchesTheSortedLiveRows(boolean changelog, String backend) {
        RankSpec rank = new RankSpec(List.of(0), List.of(new SortKey(1, true, false)), RankSpec.RankFunction.ROW_NUMBER,
                1, 2, true);
        StreamingRankSpec spec = new StreamingRankSpec(rank, changelog);
        RowType input = changelog ? KV_CHANGES : KV;
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
                new Field("rn", BIGINT))));
        Setup setup = new Setup(new StreamingRankOperator.StreamingRankOperatorFactory(spec), spec, out,
                List.of(List.of(0)), input);
        Random random = new Random(changelog ? 17 : 19);
        List<Object[]> live = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<Object[]> batch = changes(random, live, 4);
            if (!changelog) {
                live.clear();
                batch.removeIf(row -> (Byte) row[2] != RowKind.INSERT.toByteValue());
                batch.replaceAll(row -> new Object[] {row[0], row[1]});
            }
            steps.add(new Step(0, batch, 0));
        }
        List<Object[]> all = changelog ? live : new ArrayList<>();
        if (!changelog) {
            steps.forEach(step -> all.addAll(step.rows()));
        }
        Map<Object, List<Long>> byKey = new HashMap<>();
        for (Object[] row : all) {
            byKey.computeIfAbsent(row[0] == null ? "null" : row[0], k -> new ArrayList<>()).add((Long) row[1]);
        }
        Map<List<Object>, Long> expected = new HashMap<>();
        byKey.forEach((key, values) -> {
            values.sort(Comparator.reverseOrder());
            for (int i = 0; i < Math.min(2, values.size()); i++) {
                expected.merge(Arrays.asList("null".equals(key) ? null : key, values.get(i), (long) i + 1), 1L, Long::sum);
            }
        });
        checkAllRuns(setup, backend, steps, true, expected);
    }

    static Stream<Arguments> topN() {
        return Stream.of(Arguments.of(false, "hashmap"), Arguments.of(false, "rocksdb"), Arguments.of(true, "hashmap"),
                Arguments.of(true, "rocksdb"));
    }

    /** Blocks of rows at times {@code [1000 i, 1000 i + 999]}; after block i a watermark {@code lag} below its start. */
    private static List<Step> timedSteps(Random random, long lag) {
        List<Step> steps = new ArrayList<>();
        for (int block = 0; block < 24; block++) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rows.add(new Object[] {(long) random.nextInt(4), (long) random.nextInt(100),
                        block * 1000L + random.nextInt(4) * 250});
            }
            steps.add(new Step(0, rows, 0));
            if (block % 2 == 1) {
                steps.add(new Step(-1, List.of(), block * 1000L - lag));
            }
        }
        return steps;
    }

    /** The rows of {@code steps} per key, in time order (rows of one time in arrival order). */
    private static Map<Long, List<Object[]>> byKeyInTimeOrder(List<Step> steps) {
        Map<Long, List<Object[]>> byKey = new TreeMap<>();
        steps.forEach(step -> step.rows().forEach(row -> byKey.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(row)));
        byKey.values().forEach(rows -> rows.sort(Comparator.comparing(row -> (Long) row[2])));
        return byKey;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void overRowsFrameSumsMatchTheSortedRows(String backend) {
        AggregateCall sum = new AggregateCall(AggregateFunction.SUM, List.of(1), false, BIGINT, "s");
        OverAggregateSpec over = new OverAggregateSpec(List.of(0), List.of(new SortKey(2, false, true)),
                OverAggregateSpec.Frame.ROWS, 2, List.of(sum), 2);
        RowType out = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT), new Field("ts", TIMESTAMP),
                new Field("s", BIGINT)));
        Setup setup = new Setup(new OverAggregateOperator.OverAggregateOperatorFactory(over, KVT), over, out,
                List.of(List.of(0)), KVT);
        List<Step> steps = timedSteps(new Random(23), 1);
        Map<List<Object>, Long> expected = new HashMap<>();
        byKeyInTimeOrder(steps).values().forEach(rows -> {
            for (int i = 0; i < rows.size(); i++) {
                long s = 0;
                for (int j = Math.max(0, i - 2); j <= i; j++) {
                    s += (Long) rows.get(j)[1];
                }
                Object[] row = rows.get(i);
                expected.merge(Arrays.asList(row[0], row[1], row[2], s), 1L, Long::sum);
            }
        });
        checkAllRuns(setup, backend, steps, false, expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void sessionsMatchTheGapsBetweenSortedRows(String backend) {
        long gap = 600;
        SessionAssignSpec session = new SessionAssignSpec(List.of(0), 2, gap, true);
        RowType out = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT), new Field("ts", TIMESTAMP),
                new Field("window_start", TIMESTAMP), new Field("window_end", TIMESTAMP),
                new Field("window_time", TIMESTAMP)));
        Setup setup = new Setup(new SessionAssignOperator.SessionAssignOperatorFactory(session, KVT), session, out,
                List.of(List.of(0)), KVT);
        List<Step> steps = timedSteps(new Random(29), gap + 1);
        Map<List<Object>, Long> expected = new HashMap<>();
        byKeyInTimeOrder(steps).values().forEach(rows -> {
            int first = 0;
            while (first < rows.size()) {
                int last = first;
                while (last + 1 < rows.size() && (Long) rows.get(last + 1)[2] - (Long) rows.get(last)[2] < gap) {
                    last++;
                }
                long start = (Long) rows.get(first)[2];
                long end = (Long) rows.get(last)[2] + gap;
                for (int i = first; i <= last; i++) {
                    Object[] row = rows.get(i);
                    expected.merge(Arrays.asList(row[0], row[1], row[2], start, end, end - 1), 1L, Long::sum);
                }
                first = last + 1;
            }
        });
        checkAllRuns(setup, backend, steps, false, expected);
    }

    /** k, v, ts, window_start, window_end: the rows of {@link #timedSteps} in 1 s TUMBLE windows (a block each). */
    private static final RowType WINDOWED = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
            new Field("ts", TIMESTAMP), new Field("window_start", TIMESTAMP), new Field("window_end", TIMESTAMP)));

    /** Each block's rows for both inputs of a window operator, with the windows added; watermarks 1 ms below a block. */
    private static List<Step> windowedSteps(Random random, int inputs) {
        List<Step> steps = new ArrayList<>();
        List<List<Step>> sides = new ArrayList<>();
        for (int input = 0; input < inputs; input++) {
            sides.add(timedSteps(random, 1));
        }
        for (int at = 0; at < sides.get(0).size(); at++) {
            for (int input = 0; input < inputs; input++) {
                Step step = sides.get(input).get(at);
                if (step.input() < 0) {
                    continue;
                }
                List<Object[]> rows = step.rows().stream().map(row -> {
                    long start = (Long) row[2] - Math.floorMod((Long) row[2], 1000L);
                    return new Object[] {row[0], row[1], row[2], start, start + 1000};
                }).toList();
                steps.add(new Step(input, rows, 0));
            }
            if (sides.get(0).get(at).input() < 0) {
                steps.add(sides.get(0).get(at));
            }
        }
        return steps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void windowTopTwoMatchesARankPerWindow(String backend) {
        RankSpec rank = new RankSpec(List.of(3, 4, 0), List.of(new SortKey(1, true, false)), RankSpec.RankFunction.RANK,
                1, 2, true);
        WindowRankSpec spec = new WindowRankSpec(rank, 4);
        List<Field> fields = new ArrayList<>(WINDOWED.fields());
        fields.add(new Field("rank", BIGINT));
        Setup setup = new Setup(new WindowRankOperator.WindowRankOperatorFactory(spec), spec, new RowType(fields),
                List.of(rank.partitionKeys()), WINDOWED);
        List<Step> steps = windowedSteps(new Random(31), 1);
        List<Object[]> rows = steps.stream().flatMap(step -> step.rows().stream()).toList();
        Map<List<Object>, Long> expected = new HashMap<>();
        for (Object[] row : rows) {
            long better = rows.stream().filter(o -> o[0].equals(row[0]) && o[3].equals(row[3])
                    && (Long) o[1] > (Long) row[1]).count();
            if (better < 2) {
                expected.merge(Arrays.asList(row[0], row[1], row[2], row[3], row[4], better + 1), 1L, Long::sum);
            }
        }
        checkAllRuns(setup, backend, steps, false, expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void windowLeftJoinMatchesANestedLoopPerWindow(String backend) {
        List<Integer> keys = List.of(0, 3, 4);
        WindowJoinSpec spec = new WindowJoinSpec(new JoinSpec(JoinType.LEFT, keys, keys, null), 4, 4);
        RowType out = JoinCondition.joinedType(WINDOWED, WINDOWED);
        Setup setup = new Setup(new WindowJoinOperator.WindowJoinOperatorFactory(spec, WINDOWED, WINDOWED), spec, out,
                List.of(keys, keys), WINDOWED, WINDOWED);
        List<Step> steps = windowedSteps(new Random(37), 2);
        Map<List<Object>, Long> expected = new HashMap<>();
        for (Object[] left : steps.stream().filter(s -> s.input() == 0).flatMap(s -> s.rows().stream()).toList()) {
            boolean matched = false;
            for (Object[] right : steps.stream().filter(s -> s.input() == 1).flatMap(s -> s.rows().stream()).toList()) {
                if (left[0].equals(right[0]) && left[3].equals(right[3])) {
                    matched = true;
                    List<Object> joined = new ArrayList<>(Arrays.asList(left));
                    joined.addAll(Arrays.asList(right));
                    expected.merge(joined, 1L, Long::sum);
                }
            }
            if (!matched) {
                List<Object> padded = new ArrayList<>(Arrays.asList(left));
                padded.addAll(Arrays.asList(new Object[5]));
                expected.merge(padded, 1L, Long::sum);
            }
        }
        checkAllRuns(setup, backend, steps, false, expected);
    }

    private void checkAllRuns(Setup setup, String backend, List<Step> steps, boolean changelog,
            Map<List<Object>, Long> expected) {
        for (int[] run : RUNS) {
            int cut = run[0] == 1 ? steps.size() : steps.size() / 2;
            List<List<Object>> output = run(setup, TestBackends.of(backend), steps, run[0], cut, run[1]);
            assertThat(materialize(output, changelog)).as("%d -> %d subtasks", run[0], run[1]).isEqualTo(expected);
        }
    }

    /**
     * Runs {@code steps} on {@code before} subtasks up to step {@code cut}, snapshots every one, and
     * runs the rest on {@code after} fresh subtasks restored from the snapshots; returns every row
     * emitted.
     */
    private List<List<Object>> run(Setup setup, StateBackendFactory backends, List<Step> steps, int before, int cut,
            int after) {
        List<List<Object>> emitted = new ArrayList<>();
        List<Map<Integer, byte[]>> snapshots = new ArrayList<>();
        List<OperatorHarness> first = open(setup, backends, before);
        try {
            steps.subList(0, cut).forEach(step -> apply(setup, first, step));
            if (cut == steps.size()) {
                first.forEach(harness -> emitted.addAll(harness.finish()));
                return emitted;
            }
            first.forEach(harness -> {
                snapshots.add(harness.snapshot());
                emitted.addAll(harness.emitted());
            });
        } finally {
            first.forEach(OperatorHarness::close);
        }
        List<OperatorHarness> second = open(setup, backends, after);
        try {
            for (int subtask = 0; subtask < after; subtask++) {
                restore(second.get(subtask), snapshots, subtask, after);
            }
            steps.subList(cut, steps.size()).forEach(step -> apply(setup, second, step));
            second.forEach(harness -> emitted.addAll(harness.finish()));
        } finally {
            second.forEach(OperatorHarness::close);
        }
        return emitted;
    }

    private static List<OperatorHarness> open(Setup setup, StateBackendFactory backends, int parallelism) {
        List<OperatorHarness> harnesses = new ArrayList<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            harnesses.add(setup.create(backends, subtask, parallelism));
        }
        return harnesses;
    }

    /**
     * Hands subtask {@code subtask} of {@code parallelism} the former subtasks' state as the runner
     * does: key groups it owns, every operator-state entry (these operators share their watermark),
     * and the backends' handles: its own at the same parallelism, else every one under its own key.
     */
    private static void restore(OperatorHarness harness, List<Map<Integer, byte[]>> snapshots, int subtask,
            int parallelism) {
        Map<Integer, byte[]> keyed = new HashMap<>();
        List<byte[]> operatorState = new ArrayList<>();
        for (int former = 0; former < snapshots.size(); former++) {
            int from = former;
            snapshots.get(former).forEach((group, bytes) -> {
                if (group <= KeyedStateBackend.HANDLE) {
                    if (snapshots.size() != parallelism) {
                        keyed.put(KeyedStateBackend.HANDLE - from, bytes);
                    } else if (from == subtask) {
                        keyed.put(group, bytes);
                    }
                } else if (group == CheckpointedOperator.OPERATOR_STATE) {
                    operatorState.add(bytes);
                } else if (KeyGroups.owns(subtask, parallelism, group)) {
                    keyed.put(group, bytes);
                }
            });
        }
        harness.restore(keyed, operatorState);
    }

    /** Feeds a step to every subtask: a watermark to all, each row to the subtask of its key group. */
    private void apply(Setup setup, List<OperatorHarness> harnesses, Step step) {
        if (step.input() < 0) {
            harnesses.forEach(harness -> harness.watermark(step.watermark()));
            return;
        }
        List<List<Object[]>> parts = new ArrayList<>();
        harnesses.forEach(harness -> parts.add(new ArrayList<>()));
        RowType type = setup.inputs()[step.input()];
        try (VectorSchemaRoot batch = Batches.allocate(type, routing, step.rows().size())) {
            BatchBuilder builder = new BatchBuilder(batch, Math.max(1, step.rows().size()));
            step.rows().forEach(builder::append);
            int[] groups = KeyGroups.keyGroups(builder.finish(), setup.keys().get(step.input()));
            for (int r = 0; r < groups.length; r++) {
                parts.get(KeyGroups.subtask(groups[r], harnesses.size())).add(step.rows().get(r));
            }
        }
        for (int subtask = 0; subtask < harnesses.size(); subtask++) {
            if (!parts.get(subtask).isEmpty()) {
                harnesses.get(subtask).process(step.input(), parts.get(subtask));
            }
        }
    }

    /** The multiset of rows a changelog leaves (each row once per +I/+U more than its -U/-D), or of plain rows. */
    private static Map<List<Object>, Long> materialize(List<List<Object>> rows, boolean changelog) {
        Map<List<Object>, Long> counts = new HashMap<>();
        for (List<Object> row : rows) {
            if (!changelog) {
                counts.merge(row, 1L, Long::sum);
                continue;
            }
            boolean accumulate = RowKind.fromByteValue((Byte) row.get(row.size() - 1)).isAccumulate();
            counts.merge(new ArrayList<>(row.subList(0, row.size() - 1)), accumulate ? 1L : -1L, Long::sum);
        }
        counts.values().removeIf(count -> count == 0);
        return counts;
    }
}
