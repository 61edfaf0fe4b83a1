package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.call;
import static io.weir.executor.testing.Plans.literal;
import static io.weir.executor.testing.Plans.ref;
import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.IntervalJoinOperator.IntervalJoinOperatorFactory;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.IntervalJoinSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.type.DataType;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interval join against a plain-Java nested loop over the same rows: out-of-order input whose
 * watermark never makes a row late, so the streaming answer must equal the batch one, with NULL keys,
 * duplicates, outer padding, and a snapshot/restore into a fresh operator halfway.
 */
class IntervalJoinOperatorTest {
    private static final DataType INT = type(TypeKind.INT);
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final DataType BOOLEAN = type(TypeKind.BOOLEAN);
    private static final RowType LEFT = row("k", INT, "t", BIGINT, "x", INT);
    private static final RowType RIGHT = row("k", INT, "t", BIGINT, "y", INT);
    /** How far behind its side's newest row a row may come. */
    private static final int DISORDER = 40;
    private static final long LOWER = -30;
    private static final long UPPER = 20;
    /** {@code l.t >= r.t - 30 AND l.t < r.t + 20}: the upper bound is strict, the operator's bound is not. */
    private static final Expr CONDITION = call("AND", BOOLEAN,
            call(">=", BOOLEAN, ref(1, BIGINT), call("-", BIGINT, ref(4, BIGINT), literal(-LOWER, BIGINT))),
            call("<", BOOLEAN, ref(1, BIGINT), call("+", BIGINT, ref(4, BIGINT), literal(UPPER, BIGINT))));

    @AfterEach
    void backendsClosed() {
        TestBackends.assertAllClosed();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL)) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                cases.add(Arguments.of(type, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} join on {1}")
    @MethodSource("cases")
    void joinsLikeANestedLoopWithOutOfOrderRowsAndARestoreHalfway(JoinType type, String backend) {
        Random random = new Random(type.ordinal() * 17 + backend.length());
        List<Object[]> left = rows(random, 300);
        List<Object[]> right = rows(random, 250);
        IntervalJoinSpec spec = spec(type);
        StateBackendFactory backends = TestBackends.of(backend);
        List<List<Object>> actual = new ArrayList<>();
        int l = 0;
        int r = 0;
        Map<Integer, byte[]> snapshot = null;
        OperatorHarness harness = harness(backends, spec);
        try {
            while (l < left.size() || r < right.size()) {
                int input = r >= right.size() || (l < left.size() && random.nextBoolean()) ? 0 : 1;
                List<Object[]> side = input == 0 ? left : right;
                int from = input == 0 ? l : r;
                int to = Math.min(side.size(), from + 1 + random.nextInt(7));
                harness.process(input, side.subList(from, to));
                if (input == 0) {
                    l = to;
                } else {
                    r = to;
                }
                harness.watermark(Math.min(base(left, l), base(right, r)) - DISORDER);
                if (snapshot == null && l + r > (left.size() + right.size()) / 2) {
                    snapshot = harness.snapshot();
                    actual.addAll(harness.emitted());
                    harness.close();
                    harness = harness(backends, spec);
                    harness.restore(snapshot);
                }
            }
            harness.watermark(Long.MAX_VALUE);
            actual.addAll(harness.finish());
        } finally {
            harness.close();
        }
        assertThat(sorted(actual)).isEqualTo(sorted(reference(type, left, right)));
        assertThat(actual.stream().filter(row -> row.get(0) != null && row.get(3) != null)).isNotEmpty();
        if (type != JoinType.INNER) {
            assertThat(actual.stream().filter(row -> row.get(0) == null || row.get(3) == null)).isNotEmpty();
        }
    }

    /**
     * State stays bounded as the watermark advances: the snapshot after 4,000 rows a side is no
     * bigger than a few times the one after 1,000, while a join without expiry would hold 4× the rows.
     */
    @Test
    void dropsRowsTheWatermarkMadeUnjoinable() {
        Random random = new Random(7);
        List<Object[]> left = rows(random, 4000);
        List<Object[]> right = rows(random, 4000);
        long[] sizes = new long[2];
        try (OperatorHarness harness = harness(StateBackendFactory.HEAP, spec(JoinType.FULL))) {
            for (int i = 0; i < 4000; i += 100) {
                harness.process(0, left.subList(i, i + 100));
                harness.process(1, right.subList(i, i + 100));
                harness.watermark(Math.min(base(left, i + 100), base(right, i + 100)) - DISORDER);
                if (i + 100 == 1000 || i + 100 == 4000) {
                    sizes[i + 100 == 1000 ? 0 : 1] = size(harness.snapshot());
                }
            }
            harness.watermark(Long.MAX_VALUE);
            Map<Integer, byte[]> empty = harness.snapshot();
            empty.remove(CheckpointedOperator.OPERATOR_STATE);
            assertThat(size(empty)).as("state after the final watermark").isLessThan(sizes[0] / 10 + 1);
        }
        assertThat(sizes[1]).as("state size after 4,000 rows vs after 1,000").isLessThan(sizes[0] * 2);
    }

    @Test
    void dropsLateRowsAndRowsWithoutKey() {
        try (OperatorHarness harness = harness(StateBackendFactory.HEAP, spec(JoinType.INNER))) {
            harness.process(1, OperatorHarness.rows(new Object[] {1, 100L, 7}));
            harness.watermark(90);
            harness.process(0, OperatorHarness.rows(new Object[] {1, 90L, 1}, new Object[] {null, 100L, 2},
                    new Object[] {1, 95L, 3}));
            harness.watermark(Long.MAX_VALUE);
            assertThat(harness.finish()).containsExactly(Arrays.asList(1, 95L, 3, 1, 100L, 7));
        }
    }

    private static IntervalJoinSpec spec(JoinType type) {
        return new IntervalJoinSpec(new JoinSpec(type, List.of(0), List.of(0), CONDITION), 1, 1, LOWER, UPPER);
    }

    private static OperatorHarness harness(StateBackendFactory backends, IntervalJoinSpec spec) {
        List<Field> fields = new ArrayList<>();
        for (Field field : LEFT.fields()) {
            fields.add(new Field("l_" + field.name(), field.type().withNullable(true)));
        }
        for (Field field : RIGHT.fields()) {
            fields.add(new Field("r_" + field.name(), field.type().withNullable(true)));
        }
        return new OperatorHarness(backends, new IntervalJoinOperatorFactory(spec, LEFT, RIGHT), spec,
                new RowType(fields), 16, LEFT, RIGHT);
    }

    /** Rows whose i-th has time {@code 5 i} minus up to DISORDER: out of order, never behind the watermark. */
    private static List<Object[]> rows(Random random, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Integer key = random.nextInt(10) == 0 ? null : random.nextInt(4);
            rows.add(new Object[] {key, 5L * i + 100 - random.nextInt(DISORDER), random.nextInt(3)});
        }
        return rows;
    }

    /** The base time of the next row to come: later rows are at most DISORDER behind it. */
    private static long base(List<Object[]> rows, int next) {
        return next >= rows.size() ? Long.MAX_VALUE / 2 : 5L * next + 100;
    }

    private static List<List<Object>> reference(JoinType type, List<Object[]> left, List<Object[]> right) {
        List<List<Object>> rows = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (Object[] l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                Object[] r = right.get(j);
                long difference = (Long) l[1] - (Long) r[1];
                if (l[0] != null && l[0].equals(r[0]) && difference >= LOWER && difference < UPPER) {
                    matched = true;
                    rightMatched[j] = true;
                    rows.add(joined(l, r));
                }
            }
            if (!matched && type.padsLeft()) {
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
        row.addAll(left == null ? Arrays.asList(null, null, null) : Arrays.asList(left));
        row.addAll(right == null ? Arrays.asList(null, null, null) : Arrays.asList(right));
        return row;
    }

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    private static long size(Map<Integer, byte[]> snapshot) {
        return snapshot.values().stream().mapToLong(bytes -> bytes.length).sum();
    }
}
