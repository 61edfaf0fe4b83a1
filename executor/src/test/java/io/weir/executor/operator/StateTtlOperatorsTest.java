package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State TTL ({@code 'table.exec.state.ttl'}) in the unwindowed stateful operators, on both backends,
 * with a manual processing clock: a key's state written at {@code t} is gone for a read at
 * {@code t + ttl} (a GROUP BY starts a new count with {@code +I}, a join no longer matches the row, a
 * Top-N partition starts empty) and is kept for a read before; each write restarts the TTL
 * (OnCreateAndWrite). The cleanup timers remove expired state from the backend itself: a snapshot
 * taken after they fired, restored under a clock turned back, holds none of it.
 */
class StateTtlOperatorsTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final RowType KV = new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT)));
    private static final long TTL = 1000;

    private final long[] now = {0};
    private final ProcessingClock clock = () -> now[0];

    @AfterEach
    void everyInstanceIsClosed() {
        TestBackends.assertAllClosed();
    }

    /** The rows emitted since the last call, as {@code +I[1, 2]}. */
    private static List<String> drain(OperatorHarness harness) {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : harness.emitted()) {
            byte kind = (Byte) row.get(row.size() - 1);
            rows.add(RowKind.fromByteValue(kind).shortString() + row.subList(0, row.size() - 1));
        }
        harness.emitted().clear();
        return rows;
    }

    private List<String> at(long time, OperatorHarness harness, int input, Object[]... rows) {
        now[0] = time;
        harness.processingTime(time);
        harness.process(input, List.of(rows));
        return drain(harness);
    }

    private static Object[] row(long k, long v) {
        return new Object[] {k, v};
    }

    private OperatorHarness countPerKey(StateBackendFactory backends) {
        GroupAggregateSpec spec = new GroupAggregateSpec(List.of(0), List.of(new AggregateCall(AggregateFunction.COUNT,
                List.of(), false, BIGINT, "n")), TTL);
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("n", BIGINT))));
        return new OperatorHarness(backends, clock, 0, 1,
                new GroupAggregateOperator.GroupAggregateOperatorFactory(spec, KV, out), spec, out, 8, KV);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aGroupNotWrittenForTheTtlStartsANewCount(String backend) {
        StateBackendFactory backends = TestBackends.of(backend);
        try (OperatorHarness harness = countPerKey(backends)) {
            assertThat(at(0, harness, 0, row(1, 0), row(1, 0), row(2, 0)))
                    .containsExactly("+I[1, 1]", "-U[1, 1]", "+U[1, 2]", "+I[2, 1]");
            assertThat(at(600, harness, 0, row(2, 0))).containsExactly("-U[2, 1]", "+U[2, 2]");
            // key 1 was written at 0: expired at 1000; key 2 at 600: alive until 1600
            assertThat(at(999, harness, 0, row(1, 0))).containsExactly("-U[1, 2]", "+U[1, 3]");
            // key 1 (written at 999) lives until 1999, key 2 (600) expired at 1600
            assertThat(at(1998, harness, 0, row(1, 0), row(2, 0)))
                    .containsExactly("-U[1, 3]", "+U[1, 4]", "+I[2, 1]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void cleanupTimersRemoveExpiredStateFromTheBackend(String backend) {
        StateBackendFactory backends = TestBackends.of(backend);
        Map<Integer, byte[]> snapshot;
        try (OperatorHarness harness = countPerKey(backends)) {
            assertThat(at(0, harness, 0, row(1, 0), row(2, 0))).containsExactly("+I[1, 1]", "+I[2, 1]");
            assertThat(at(800, harness, 0, row(2, 0))).containsExactly("-U[2, 1]", "+U[2, 2]");
            // key 1's cleanup is due (rounded up to an eighth of the TTL), key 2's is not
            now[0] = 1200;
            harness.processingTime(1200);
            snapshot = harness.snapshot();
        }
        now[0] = 0;
        try (OperatorHarness restored = countPerKey(backends)) {
            restored.restore(snapshot);
            // with the clock turned back nothing would be expired on read: key 1 is new only if the timer deleted it
            assertThat(at(0, restored, 0, row(1, 0), row(2, 0)))
                    .containsExactly("+I[1, 1]", "-U[2, 2]", "+U[2, 3]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aJoinForgetsEachRowATtlAfterItsLastWrite(String backend) {
        JoinSpec join = new JoinSpec(JoinType.INNER, List.of(0), List.of(0), null);
        StreamingJoinSpec spec = new StreamingJoinSpec(join, false, false, true, TTL);
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
                new Field("k2", BIGINT), new Field("v2", BIGINT))));
        try (OperatorHarness harness = new OperatorHarness(TestBackends.of(backend), clock, 0, 1,
                new StreamingJoinOperator.StreamingJoinOperatorFactory(spec, KV, KV), spec, out, 8, KV, KV)) {
            assertThat(at(0, harness, 0, row(1, 10))).isEmpty();
            assertThat(at(500, harness, 1, row(1, 20))).containsExactly("+I[1, 10, 1, 20]");
            // the left row (written at 0) is gone at 1000; the right one (500) lives until 1500
            assertThat(at(1200, harness, 1, row(1, 21))).isEmpty();
            assertThat(at(1300, harness, 0, row(1, 11))).containsExactlyInAnyOrder("+I[1, 11, 1, 20]",
                    "+I[1, 11, 1, 21]");
            assertThat(at(1600, harness, 0, row(1, 12))).containsExactly("+I[1, 12, 1, 21]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aTopNPartitionNotWrittenForTheTtlStartsEmpty(String backend) {
        RankSpec rank = new RankSpec(List.of(0), List.of(new SortKey(1, true, false)), RankSpec.RankFunction.ROW_NUMBER,
                1, 1, true);
        StreamingRankSpec spec = new StreamingRankSpec(rank, false, TTL);
        RowType out = RowKind.withRowKind(new RowType(List.of(new Field("k", BIGINT), new Field("v", BIGINT),
                new Field("rn", BIGINT))));
        try (OperatorHarness harness = new OperatorHarness(TestBackends.of(backend), clock, 0, 1,
                new StreamingRankOperator.StreamingRankOperatorFactory(spec), spec, out, 8, KV)) {
            assertThat(at(0, harness, 0, row(1, 5))).containsExactly("+I[1, 5, 1]");
            assertThat(at(900, harness, 0, row(1, 3))).isEmpty();
            // written at 900: still there at 1800, so 4 is not the top
            assertThat(at(1800, harness, 0, row(1, 4))).isEmpty();
            assertThat(at(2800, harness, 0, row(1, 2))).containsExactly("+I[1, 2, 1]");
        }
    }
}
