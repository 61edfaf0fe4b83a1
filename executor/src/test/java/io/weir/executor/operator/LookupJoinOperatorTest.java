package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.operator.LookupJoinOperator.LookupJoinOperatorFactory;
import io.weir.executor.plan.LookupJoinSpec;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.LookupSource;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lookup join against a hand-written lookup table, compared with a nested loop over the same rows. */
class LookupJoinOperatorTest {
    private static final DataType INT = type(TypeKind.INT);
    private static final DataType STRING = type(TypeKind.STRING);
    private static final RowType PROBE = row("id", INT, "k", INT, "s", STRING);
    private static final RowType TABLE = row("k", INT, "s", STRING, "v", INT);

    /** A table in memory that answers lookups by its first two columns and counts the calls. */
    private static final class MemoryLookupTable implements TableFactory {
        final List<Object[]> rows;
        final List<Integer> calls = new ArrayList<>();
        int open;

        MemoryLookupTable(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public String identifier() {
            return "memory-lookup";
        }

        @Override
        public List<ConfigOption<?>> options() {
            return List.of();
        }

        @Override
        public boolean supportsLookup() {
            return true;
        }

        @Override
        public LookupSource createLookupSource(TableContext context, List<String> keyColumns) {
            int[] indexes = keyColumns.stream().mapToInt(context.schema()::indexOf).toArray();
            open++;
            return new LookupSource() {
                @Override
                public Map<List<Object>, List<Object[]>> lookup(Collection<List<Object>> keys) {
                    calls.add(keys.size());
                    Map<List<Object>, List<Object[]>> found = new HashMap<>();
                    for (Object[] row : rows) {
                        Object[] key = new Object[indexes.length];
                        for (int i = 0; i < key.length; i++) {
                            key[i] = row[indexes[i]];
                        }
                        if (keys.contains(Arrays.asList(key))) {
                            found.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(row);
                        }
                    }
                    return found;
                }

                @Override
                public void close() {
                    open--;
                }
            };
        }
    }

    private static List<Object[]> rows(Random random, int count, boolean probe) {
        List<Object[]> rows = new ArrayList<>();
        String[] strings = {"a", "b", null};
        for (int i = 0; i < count; i++) {
            Integer key = random.nextInt(8) == 0 ? null : random.nextInt(12);
            rows.add(probe ? new Object[] {i, key, strings[random.nextInt(3)]}
                    : new Object[] {key, strings[random.nextInt(3)], random.nextInt(100)});
        }
        return rows;
    }

    @ParameterizedTest(name = "left outer {0}")
    @ValueSource(booleans = {false, true})
    void joinsLikeANestedLoopWithNullsDuplicatesAndCompositeKeys(boolean leftOuter) {
        Random random = new Random(leftOuter ? 11 : 12);
        MemoryLookupTable table = new MemoryLookupTable(rows(random, 30, false));
        List<Object[]> probe = rows(random, 60, true);
        for (List<Integer> probeKeys : List.of(List.of(1), List.of(1, 2))) {
            List<String> lookupKeys = probeKeys.size() == 1 ? List.of("k") : List.of("k", "s");
            LookupJoinSpec spec = new LookupJoinSpec("t", "memory-lookup", Map.of(), TABLE, probeKeys, lookupKeys,
                    leftOuter);
            List<Field> fields = new ArrayList<>(PROBE.fields());
            fields.addAll(TABLE.fields());
            RowType output = new RowType(fields);
            List<List<Object>> actual;
            table.calls.clear();
            var factory = new LookupJoinOperatorFactory(spec, ConnectorRegistry.of(List.of(table)));
            try (OperatorHarness harness = new OperatorHarness(factory, spec, output, 4, PROBE)) {
                for (int i = 0; i < probe.size(); i += 15) {
                    harness.process(0, probe.subList(i, i + 15));
                }
                actual = harness.finish();
            }
            assertThat(table.open).isZero();
            assertThat(actual).containsExactlyInAnyOrderElementsOf(nestedLoop(probe, table.rows, probeKeys, leftOuter));
            // one lookup per probe batch, each with that batch's distinct non-null keys
            assertThat(table.calls).hasSize(4).allMatch(n -> n > 0 && n <= 15);
        }
    }

    @ParameterizedTest(name = "left outer {0}")
    @ValueSource(booleans = {false, true})
    void aChangelogKeepsItsRowKinds(boolean leftOuter) {
        Random random = new Random(leftOuter ? 21 : 22);
        MemoryLookupTable table = new MemoryLookupTable(rows(random, 30, false));
        List<Object[]> probe = new ArrayList<>();
        for (Object[] row : rows(random, 40, true)) {
            probe.add(new Object[] {row[0], row[1], row[2], (byte) random.nextInt(4)});
        }
        LookupJoinSpec spec = new LookupJoinSpec("t", "memory-lookup", Map.of(), TABLE, List.of(1), List.of("k"),
                leftOuter);
        List<Field> fields = new ArrayList<>(PROBE.fields());
        fields.addAll(TABLE.fields());
        RowType output = RowKind.withRowKind(new RowType(fields));
        List<List<Object>> actual;
        try (OperatorHarness harness = new OperatorHarness(new LookupJoinOperatorFactory(spec,
                ConnectorRegistry.of(List.of(table))), spec, output, 4, RowKind.withRowKind(PROBE))) {
            harness.process(0, probe.subList(0, 20));
            harness.process(0, probe.subList(20, 40));
            actual = harness.finish();
        }
        List<List<Object>> expected = new ArrayList<>();
        for (Object[] p : probe) {
            for (List<Object> joined : nestedLoop(List.<Object[]>of(Arrays.copyOf(p, 3)), table.rows, List.of(1),
                    leftOuter)) {
                List<Object> row = new ArrayList<>(joined);
                row.add(p[3]);
                expected.add(row);
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<List<Object>> nestedLoop(List<Object[]> probe, List<Object[]> table, List<Integer> probeKeys,
            boolean leftOuter) {
        List<List<Object>> expected = new ArrayList<>();
        for (Object[] p : probe) {
            boolean matched = false;
            for (Object[] t : table) {
                boolean equal = true;
                for (int i = 0; i < probeKeys.size(); i++) {
                    Object value = p[probeKeys.get(i)];
                    equal &= value != null && Objects.equals(value, t[i]);
                }
                if (equal) {
                    matched = true;
                    List<Object> row = new ArrayList<>(Arrays.asList(p));
                    row.addAll(Arrays.asList(t));
                    expected.add(row);
                }
            }
            if (!matched && leftOuter) {
                List<Object> row = new ArrayList<>(Arrays.asList(p));
                row.addAll(Arrays.asList(null, null, null));
                expected.add(row);
            }
        }
        return expected;
    }
}
