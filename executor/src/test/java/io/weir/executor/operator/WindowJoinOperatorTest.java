package io.weir.executor.operator;

import static io.weir.executor.operator.WindowedStream.INT;
import static io.weir.executor.operator.WindowedStream.TYPE;
import static io.weir.executor.operator.WindowedStream.WINDOW_END;
import static io.weir.executor.operator.WindowedStream.WINDOW_START;
import static io.weir.executor.testing.Plans.call;
import static io.weir.executor.testing.Plans.ref;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.WindowJoinOperator.WindowJoinOperatorFactory;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window join against a plain-Java nested loop over the rows that were not late (same key, same
 * window, {@code l.v > r.v}), for every join type on both backends: out-of-order input with late
 * rows and NULL keys, a snapshot/restore into a fresh operator halfway, and, after every window
 * fired, nothing of the windows left in state.
 */
class WindowJoinOperatorTest {
    private static final int ROWS = 300;
    private static final int WIDTH = TYPE.size();
    /** {@code l.v > r.v}: a residual condition besides the keys. */
    private static final Expr CONDITION = call(">", type(TypeKind.BOOLEAN), ref(1, INT), ref(WIDTH + 1, INT));

    @AfterEach
    void backendsClosed() {
        TestBackends.assertAllClosed();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JoinType type : JoinType.values()) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                cases.add(Arguments.of(type, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} join on {1}")
    @MethodSource("cases")
    void joinsEachWindowOnceWhenItClosesThenForgetsIt(JoinType type, String backend) {
        Random random = new Random(type.ordinal() * 31 + backend.length());
        List<WindowedStream.Event> left = withNullKeys(random, WindowedStream.events(random, ROWS, 3));
        List<WindowedStream.Event> right = withNullKeys(random, WindowedStream.events(random, ROWS, 3));
        WindowJoinSpec spec = spec(type);
        StateBackendFactory backends = TestBackends.of(backend);
        List<List<Object>> actual = new ArrayList<>();
        OperatorHarness harness = harness(backends, spec);
        Map<Integer, byte[]> afterAll;
        long late = 0;
        try {
            int next = 0;
            boolean restored = false;
            while (next < ROWS) {
                int to = Math.min(ROWS, next + 1 + random.nextInt(WindowedStream.MAX_CHUNK));
                harness.process(0, WindowedStream.rows(left).subList(next, to));
                harness.process(1, WindowedStream.rows(right).subList(next, to));
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
                }
            }
            harness.watermark(WindowedStream.watermarkAfter(ROWS) + 10 * WindowedStream.SIZE);
            actual.addAll(harness.emitted());
            afterAll = harness.snapshot();
            late += harness.lateRows();
        } finally {
            harness.close();
        }
        List<List<Object>> expected = reference(type, WindowedStream.onTime(left), WindowedStream.onTime(right));
        assertThat(WindowedStream.sorted(actual)).isEqualTo(WindowedStream.sorted(expected));
        assertThat(expected).hasSizeGreaterThan(ROWS / 10);
        assertThat(late).isEqualTo(WindowedStream.lateCount(left) + WindowedStream.lateCount(right));
        assertNothingLeft(backends, spec, afterAll, backend, WindowedStream.onTime(left).get(0),
                WindowedStream.onTime(right).get(0));
    }

    /**
     * After every window fired the state holds no row: a fresh operator restored from it, without
     * the watermark, joins a new row of an old window on each side as if alone; on the heap backend
     * the snapshot is empty.
     */
    private static void assertNothingLeft(StateBackendFactory backends, WindowJoinSpec spec,
            Map<Integer, byte[]> snapshot, String backend, Object[] oldLeft, Object[] oldRight) {
        Map<Integer, byte[]> keyed = new java.util.HashMap<>(snapshot);
        keyed.remove(CheckpointedOperator.OPERATOR_STATE);
        if (backend.equals("hashmap")) {
            assertThat(keyed).as("heap state after every window fired").isEmpty();
        }
        try (OperatorHarness fresh = harness(backends, spec)) {
            fresh.restore(keyed, List.of());
            fresh.process(0, OperatorHarness.rows(oldLeft.clone()));
            fresh.process(1, OperatorHarness.rows(oldRight.clone()));
            List<List<Object>> alone = reference(spec.join().joinType(), OperatorHarness.rows(oldLeft), OperatorHarness.rows(oldRight));
            assertThat(WindowedStream.sorted(fresh.finish())).isEqualTo(WindowedStream.sorted(alone));
        }
    }

    /** About one row in 15 gets a NULL key (it matches nothing). */
    private static List<WindowedStream.Event> withNullKeys(Random random, List<WindowedStream.Event> events) {
        return events.stream().map(e -> {
            if (random.nextInt(15) != 0) {
                return e;
            }
            Object[] row = e.row().clone();
            row[0] = null;
            return new WindowedStream.Event(row, e.late());
        }).toList();
    }

    private static WindowJoinSpec spec(JoinType type) {
        List<Integer> keys = List.of(0, WINDOW_START, WINDOW_END);
        return new WindowJoinSpec(new JoinSpec(type, keys, keys, CONDITION), WINDOW_END, WINDOW_END);
    }

    private static OperatorHarness harness(StateBackendFactory backends, WindowJoinSpec spec) {
        JoinType type = spec.join().joinType();
        RowType output = type == JoinType.SEMI || type == JoinType.ANTI ? TYPE : JoinCondition.joinedType(TYPE, TYPE);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            fields.add(new Field("c" + i, output.type(i)));
        }
        return new OperatorHarness(backends, new WindowJoinOperatorFactory(spec, TYPE, TYPE), spec,
                new RowType(fields), 8, TYPE, TYPE);
    }

    private static List<List<Object>> reference(JoinType type, List<Object[]> left, List<Object[]> right) {
        List<List<Object>> rows = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (Object[] l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                Object[] r = right.get(j);
                if (l[0] != null && l[0].equals(r[0]) && l[WINDOW_START].equals(r[WINDOW_START])
                        && l[WINDOW_END].equals(r[WINDOW_END]) && (Integer) l[1] > (Integer) r[1]) {
                    matched = true;
                    rightMatched[j] = true;
                    if (type != JoinType.SEMI && type != JoinType.ANTI) {
                        rows.add(joined(l, r));
                    }
                }
            }
            if (matched && type == JoinType.SEMI || !matched && type == JoinType.ANTI) {
                rows.add(Arrays.asList(l));
            } else if (!matched && type.padsLeft()) {
                rows.add(joined(l, null));
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && type.padsRight()) {
                rows.add(joined(null, right.get(j)));
            }
        }
        return rows;
    }

    private static List<Object> joined(Object[] left, Object[] right) {
        List<Object> row = new ArrayList<>();
        row.addAll(left == null ? Arrays.asList(new Object[WIDTH]) : Arrays.asList(left));
        row.addAll(right == null ? Arrays.asList(new Object[WIDTH]) : Arrays.asList(right));
        return row;
    }
}
