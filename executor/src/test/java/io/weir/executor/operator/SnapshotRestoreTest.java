package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every checkpointed streaming operator, run twice over the same random input: once without a
 * break, and once snapshotted half way and restored into a fresh instance that takes the rest. The
 * two outputs must be the same (rows emitted before the snapshot plus rows after the restore).
 */
class SnapshotRestoreTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final RowType KV = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT)));
    private static final RowType KVT = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
            new Field("ts", TIMESTAMP)));

    @AfterEach
    void everyRocksDbInstanceIsClosed() {
        TestBackends.assertAllClosed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void groupAggregateResumesWithItsGroups(String backend) {
        StateBackendFactory backends = TestBackends.of(backend);
        GroupAggregateSpec spec = new GroupAggregateSpec(List.of(0), List.of(
                new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"),
                new AggregateCall(AggregateFunction.SUM, List.of(1), false, BIGINT, "s")));
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("n", BIGINT),
                new Field("s", BIGINT))));
        List<Step> steps = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            steps.add(new Step(0, randomRows(random, 5, false), 0));
        }
        check(() -> new OperatorHarness(backends, new GroupAggregateOperator.GroupAggregateOperatorFactory(spec, KV, out),
                spec, out, 4, KV), steps);
    }

    /** One run's input: per step, the input index and a batch, or a watermark (input -1). */
    private record Step(int input, List<Object[]> rows, long watermark) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void streamingJoinResumesWithBothSidesState(String backend) {
        StateBackendFactory backends = TestBackends.of(backend);
        JoinSpec join = new JoinSpec(JoinSpec.JoinType.FULL, List.of(0), List.of(0), null);
        StreamingJoinSpec spec = new StreamingJoinSpec(join, false, false, true);
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
                new Field("k2", BIGINT), new Field("v2", BIGINT))));
        List<Step> steps = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            steps.add(new Step(random.nextInt(2), randomRows(random, 5, false), 0));
        }
        check(() -> new OperatorHarness(backends, new StreamingJoinOperator.StreamingJoinOperatorFactory(spec, KV, KV), spec,
                out, 4, KV, KV), steps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void streamingTopNResumesWithItsPartitions(String backend) {
        StateBackendFactory backends = TestBackends.of(backend);
        RankSpec rank = new RankSpec(List.of(0), List.of(new SortKey(1, true, false)), RankSpec.RankFunction.ROW_NUMBER,
                1, 2, true);
        StreamingRankSpec spec = new StreamingRankSpec(rank, false);
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
                new Field("rn", BIGINT))));
        List<Step> steps = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            steps.add(new Step(0, randomRows(random, 5, false), 0));
        }
        check(() -> new OperatorHarness(backends, new StreamingRankOperator.StreamingRankOperatorFactory(spec), spec, out, 4, KV),
                steps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void sessionsAndOverAggregatesAndWindowsResumeWithTheirWaitingRows(String backend) {
        StateBackendFactory backends = TestBackends.of(backend);
        List<Step> steps = new ArrayList<>();
        Random random = new Random(7);
        long watermark = 0;
        for (int i = 0; i < 30; i++) {
            steps.add(new Step(0, randomRows(random, 4, true), 0));
            if (i % 3 == 2) {
                watermark += 2500;
                steps.add(new Step(-1, List.of(), watermark));
            }
        }
        SessionAssignSpec session = new SessionAssignSpec(List.of(0), 2, 1000, true);
        RowType sessionOut = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT), new Field("ts", TIMESTAMP),
                new Field("window_start", TIMESTAMP), new Field("window_end", TIMESTAMP), new Field("window_time", TIMESTAMP)));
        check(() -> new OperatorHarness(backends, new SessionAssignOperator.SessionAssignOperatorFactory(session, KVT), session,
                sessionOut, 4, KVT), steps);

        AggregateCall sum = new AggregateCall(AggregateFunction.SUM, List.of(1), false, BIGINT, "s");
        OverAggregateSpec over = new OverAggregateSpec(List.of(0), List.of(new SortKey(2, false, true)),
                OverAggregateSpec.Frame.ROWS, 2, List.of(sum), 2);
        RowType overOut = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT), new Field("ts", TIMESTAMP),
                new Field("s", BIGINT)));
        check(() -> new OperatorHarness(backends, new OverAggregateOperator.OverAggregateOperatorFactory(over, KVT), over,
                overOut, 4, KVT), steps);

        // a window aggregate over (k, v, ts) treating ts as window_end
        WindowAggregateSpec window = new WindowAggregateSpec(List.of(0, 2), 2,
                List.of(new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"), sum));
        RowType windowOut = new RowType(List.of(new Field("k", BIGINT), new Field("ts", TIMESTAMP),
                new Field("n", BIGINT), new Field("s", BIGINT)));
        check(() -> new OperatorHarness(backends, new CheckpointedWindowAggregateOperator.CheckpointedWindowAggregateFactory(window,
                KVT), window, windowOut, 4, KVT), steps);
        // the same by processing time, at a clock that has passed half of the window ends
        WindowAggregateSpec byClock = new WindowAggregateSpec(window.groupKeys(), 2, window.calls(), true);
        check(() -> new OperatorHarness(backends, new CheckpointedWindowAggregateOperator.CheckpointedWindowAggregateFactory(
                byClock, KVT, () -> 5_000L), byClock, windowOut, 4, KVT), steps);
    }

    private static List<Object[]> randomRows(Random random, int count, boolean timed) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long k = random.nextInt(4);
            long v = random.nextInt(100);
            rows.add(timed ? new Object[] {k, v, (long) (random.nextInt(40) * 250)} : new Object[] {k, v});
        }
        return rows;
    }

    private static void check(Supplier<OperatorHarness> harness, List<Step> steps) {
        List<List<Object>> uninterrupted;
        try (OperatorHarness whole = harness.get()) {
            steps.forEach(step -> apply(whole, step));
            uninterrupted = new ArrayList<>(whole.finish());
        }
        int half = steps.size() / 2;
        List<List<Object>> resumed = new ArrayList<>();
        Map<Integer, byte[]> snapshot;
        try (OperatorHarness first = harness.get()) {
            steps.subList(0, half).forEach(step -> apply(first, step));
            snapshot = first.snapshot();
            resumed.addAll(first.emitted());
        }
        try (OperatorHarness second = harness.get()) {
            second.restore(snapshot);
            steps.subList(half, steps.size()).forEach(step -> apply(second, step));
            resumed.addAll(second.finish());
        }
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    private static void apply(OperatorHarness harness, Step step) {
        if (step.input() < 0) {
            harness.watermark(step.watermark());
        } else {
            harness.process(step.input(), step.rows());
        }
    }
}
