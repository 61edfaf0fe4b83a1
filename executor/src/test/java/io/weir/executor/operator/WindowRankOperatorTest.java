package io.weir.executor.operator;

import static io.weir.executor.operator.WindowedStream.BIGINT;
import static io.weir.executor.operator.WindowedStream.TYPE;
import static io.weir.executor.operator.WindowedStream.WINDOW_END;
import static io.weir.executor.operator.WindowedStream.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.WindowRankOperator.WindowRankOperatorFactory;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.RankSpec.RankFunction;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.executor.plan.WindowRankSpec;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window Top-N and deduplication against a plain-Java rank (1 + the rows of the partition strictly
 * better by the order key) over the rows that were not late: out-of-order input with late rows,
 * a snapshot/restore into a fresh operator halfway, on both backends; and, after every window
 * fired, nothing of the windows is left in state.
 */
class WindowRankOperatorTest {
    private static final int ROWS = 400;

    /** A named rank: Top-3 by v DESC, first and last row by t, and RANK with ties on k. */
    record Case(String name, RankSpec rank) {
        @Override
        public String toString() {
            return name;
        }
    }

    @AfterEach
    void backendsClosed() {
        TestBackends.assertAllClosed();
    }

    static Stream<Arguments> cases() {
        List<Integer> perKey = List.of(WINDOW_START, WINDOW_END, 0);
        List<Case> ranks = List.of(
                new Case("top-3 by v desc", new RankSpec(perKey, List.of(new SortKey(1, true, false)),
                        RankFunction.ROW_NUMBER, 1, 3, true)),
                new Case("first row by t", new RankSpec(perKey, List.of(new SortKey(2, false, true)),
                        RankFunction.ROW_NUMBER, 1, 1, false)),
                new Case("last row by t", new RankSpec(perKey, List.of(new SortKey(2, true, false)),
                        RankFunction.ROW_NUMBER, 1, 1, false)),
                new Case("rank 2 by k with ties", new RankSpec(List.of(WINDOW_START, WINDOW_END),
                        List.of(new SortKey(0, false, true)), RankFunction.RANK, 1, 2, true)));
        List<Arguments> cases = new ArrayList<>();
        for (Case rank : ranks) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                cases.add(Arguments.of(rank, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void ranksEachWindowOnceWhenItClosesThenForgetsIt(Case rank, String backend) {
        Random random = new Random(rank.name().hashCode() + backend.length());
        List<WindowedStream.Event> events = WindowedStream.events(random, ROWS, 4);
        List<Object[]> rows = WindowedStream.rows(events);
        WindowRankSpec spec = new WindowRankSpec(rank.rank(), WINDOW_END);
        StateBackendFactory backends = TestBackends.of(backend);
        List<List<Object>> actual = new ArrayList<>();
        OperatorHarness harness = harness(backends, spec);
        Map<Integer, byte[]> afterAll;
        long late;
        try {
            int next = 0;
            boolean restored = false;
            while (next < ROWS) {
                int to = Math.min(ROWS, next + 1 + random.nextInt(WindowedStream.MAX_CHUNK));
                harness.process(0, rows.subList(next, to));
                next = to;
                harness.watermark(WindowedStream.watermarkAfter(next));
                if (!restored && next > ROWS / 2) {
                    restored = true;
                    Map<Integer, byte[]> snapshot = harness.snapshot();
                    actual.addAll(harness.emitted());
                    late = harness.lateRows();
                    harness.close();
                    harness = harness(backends, spec);
                    harness.restore(snapshot);
                    assertThat(late).as("late rows before the restore").isPositive();
                }
            }
            harness.watermark(WindowedStream.watermarkAfter(ROWS) + 10 * WindowedStream.SIZE);
            actual.addAll(harness.emitted());
            afterAll = harness.snapshot();
            late = harness.lateRows();
        } finally {
            harness.close();
        }
        List<List<Object>> expected = reference(rank.rank(), WindowedStream.onTime(events));
        assertThat(WindowedStream.sorted(actual)).isEqualTo(WindowedStream.sorted(expected));
        assertThat(expected).hasSizeGreaterThan(ROWS / 10);
        assertThat(late).as("late rows after the restore").isPositive();
        assertNothingLeft(backends, spec, afterAll, backend, rows.get(0));
    }

    /**
     * After every window fired the state holds no row: a fresh operator restored from it, without
     * the watermark, ranks a new row of an old window alone; on the heap backend the snapshot is empty.
     */
    private static void assertNothingLeft(StateBackendFactory backends, WindowRankSpec spec,
            Map<Integer, byte[]> snapshot, String backend, Object[] oldRow) {
        Map<Integer, byte[]> keyed = new java.util.HashMap<>(snapshot);
        keyed.remove(CheckpointedOperator.OPERATOR_STATE);
        if (backend.equals("hashmap")) {
            assertThat(keyed).as("heap state after every window fired").isEmpty();
        }
        try (OperatorHarness fresh = harness(backends, spec)) {
            fresh.restore(keyed, List.of());
            fresh.process(0, OperatorHarness.rows(oldRow.clone()));
            List<Object> alone = spec.rank().outputRank() ? WindowedStream.list(oldRow, 1L) : WindowedStream.list(oldRow);
            assertThat(fresh.finish()).containsExactly(alone);
        }
    }

    private static OperatorHarness harness(StateBackendFactory backends, WindowRankSpec spec) {
        List<Field> fields = new ArrayList<>(TYPE.fields());
        if (spec.rank().outputRank()) {
            fields.add(new Field("rownum", BIGINT));
        }
        return new OperatorHarness(backends, new WindowRankOperatorFactory(spec), spec, new RowType(fields), 8, TYPE);
    }

    /** Each row's rank is 1 + the rows of its partition strictly before it by the (single) order key. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<List<Object>> reference(RankSpec rank, List<Object[]> rows) {
        SortKey key = rank.orderKeys().get(0);
        List<List<Object>> out = new ArrayList<>();
        for (Object[] row : rows) {
            long better = rows.stream()
                    .filter(other -> rank.partitionKeys().stream().allMatch(k -> other[k].equals(row[k])))
                    .filter(other -> {
                        int c = ((Comparable) other[key.field()]).compareTo(row[key.field()]);
                        return key.descending() ? c > 0 : c < 0;
                    })
                    .count();
            long position = better + 1;
            if (position >= rank.rankStart() && position <= rank.rankEnd()) {
                out.add(rank.outputRank() ? WindowedStream.list(row, position) : WindowedStream.list(row));
            }
        }
        return out;
    }
}
