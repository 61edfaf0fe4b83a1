package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.call;
import static io.weir.executor.testing.Plans.ref;
import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.JoinOperator.JoinOperatorFactory;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JoinOperatorTest {
    private static final DataType INT = type(TypeKind.INT);
    private static final DataType STRING = type(TypeKind.STRING);
    private static final RowType LEFT = row("k", INT, "s", STRING, "x", INT);
    private static final RowType RIGHT = row("k", INT, "s", STRING, "y", INT);
    /** Residual: left.x < right.y. */
    private static final Expr X_LESS_THAN_Y = call("<", type(TypeKind.BOOLEAN), ref(2, INT), ref(5, INT));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JoinType type : JoinType.values()) {
            for (boolean residual : new boolean[] {false, true}) {
                for (boolean twoKeys : new boolean[] {false, true}) {
                    cases.add(Arguments.of(type, residual, twoKeys));
                }
            }
        }
        cases.add(Arguments.of(JoinType.INNER, true, null));
        cases.add(Arguments.of(JoinType.FULL, true, null));
        return cases.stream();
    }

    /** {@code twoKeys} null: no equi keys at all (a cross join with a condition). */
    @ParameterizedTest(name = "{0} join, residual {1}, two keys {2}")
    @MethodSource("cases")
    void joinsLikeANestedLoopOverRowsWithNullsAndDuplicates(JoinType type, boolean residual, Boolean twoKeys) {
        Random random = new Random(type.ordinal() * 31 + (residual ? 7 : 0) + (twoKeys == null ? 3 : twoKeys ? 1 : 0));
        List<Object[]> left = rows(random, 45);
        List<Object[]> right = rows(random, 35);
        List<Integer> keys = twoKeys == null ? List.of() : twoKeys ? List.of(0, 1) : List.of(0);
        JoinSpec spec = new JoinSpec(type, keys, keys, residual ? X_LESS_THAN_Y : null);
        RowType output = outputType(type);
        List<List<Object>> actual;
        try (OperatorHarness harness = new OperatorHarness(new JoinOperatorFactory(spec, LEFT, RIGHT), spec, output, 4,
                LEFT, RIGHT)) {
            // interleaved inputs, several batches each
            for (int i = 0; i < 50; i += 10) {
                harness.process(0, left.subList(Math.min(i, left.size()), Math.min(i + 10, left.size())));
                harness.process(1, right.subList(Math.min(i, right.size()), Math.min(i + 10, right.size())));
            }
            actual = harness.finish();
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(nestedLoop(type, keys, residual, left, right));
    }

    private static List<Object[]> rows(Random random, int count) {
        List<Object[]> rows = new ArrayList<>();
        String[] strings = {"a", "b", null};
        for (int i = 0; i < count; i++) {
            Integer key = random.nextInt(8) == 0 ? null : random.nextInt(5);
            Integer value = random.nextInt(6) == 0 ? null : random.nextInt(10);
            rows.add(new Object[] {key, strings[random.nextInt(3)], value});
        }
        return rows;
    }

    private static RowType outputType(JoinType type) {
        List<Field> fields = new ArrayList<>(LEFT.fields());
        if (type.projectsRight()) {
            fields.addAll(RIGHT.fields());
        }
        return new RowType(fields);
    }

    /** The reference: every pair tested with SQL's rules (NULL keys never match, NULL condition fails). */
    private static List<List<Object>> nestedLoop(JoinType type, List<Integer> keys, boolean residual,
            List<Object[]> left, List<Object[]> right) {
        List<List<Object>> result = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        Object[] nullRight = new Object[3];
        for (Object[] l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                Object[] r = right.get(j);
                boolean match = keys.stream().allMatch(k -> l[k] != null && l[k].equals(r[k]));
                if (residual) {
                    match &= l[2] != null && r[2] != null && (Integer) l[2] < (Integer) r[2];
                }
                if (match) {
                    matched = true;
                    rightMatched[j] = true;
                    if (type.projectsRight()) {
                        result.add(concat(l, r));
                    }
                }
            }
            if (!matched && type.padsLeft()) {
                result.add(concat(l, nullRight));
            } else if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
                result.add(Arrays.asList(l));
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && type.padsRight()) {
                result.add(concat(new Object[3], right.get(j)));
            }
        }
        return result;
    }

    private static List<Object> concat(Object[] a, Object[] b) {
        List<Object> row = new ArrayList<>(Arrays.asList(a));
        row.addAll(Arrays.asList(b));
        return row;
    }

    @ParameterizedTest(name = "null-safe key, {0}")
    @MethodSource("nullSafeTypes")
    void nullSafeKeysMatchNullWithNull(JoinType type) {
        JoinSpec spec = new JoinSpec(type, List.of(0), List.of(0), List.of(true), null);
        List<List<Object>> actual;
        try (OperatorHarness harness = new OperatorHarness(new JoinOperatorFactory(spec, LEFT, RIGHT), spec,
                outputType(type), 8, LEFT, RIGHT)) {
            harness.process(0, OperatorHarness.rows(new Object[] {null, "l", 1}, new Object[] {2, "l2", 2}));
            harness.process(1, OperatorHarness.rows(new Object[] {null, "r", 3}));
            actual = harness.finish();
        }
        List<List<Object>> expected = new ArrayList<>();
        expected.add(Arrays.asList(null, "l", 1, null, "r", 3));
        if (type == JoinType.LEFT) {
            expected.add(Arrays.asList(2, "l2", 2, null, null, null));
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual).allMatch(Objects::nonNull);
    }

    static Stream<JoinType> nullSafeTypes() {
        return Stream.of(JoinType.INNER, JoinType.LEFT);
    }
}
