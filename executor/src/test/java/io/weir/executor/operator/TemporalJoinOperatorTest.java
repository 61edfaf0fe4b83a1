package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.call;
import static io.weir.executor.testing.Plans.literal;
import static io.weir.executor.testing.Plans.ref;
import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.TemporalJoinOperator.TemporalJoinOperatorFactory;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.TemporalJoinSpec;
import io.weir.executor.state.StateBackendFactory;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-time temporal join against a plain-Java answer over the same rows (for each probe row
 * the latest version of its key at or before its time): out-of-order probe rows and a changelog of
 * versions (inserts, updates as -U/+U, deletes) whose watermark never makes a row late, with NULL
 * keys, a residual condition, LEFT padding and a snapshot/restore into a fresh operator halfway.
 */
class TemporalJoinOperatorTest {
    private static final DataType INT = type(TypeKind.INT);
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final DataType BOOLEAN = type(TypeKind.BOOLEAN);
    private static final RowType PROBE = row("k", INT, "t", BIGINT, "x", INT);
    private static final RowType VERSIONS = RowKind.withRowKind(row("k", INT, "t", BIGINT, "y", INT));
    private static final int DISORDER = 40;
    private static final int KEYS = 4;
    /** {@code r.y <> 1}: a version with y = 1 does not match (a LEFT join pads the probe row). */
    private static final Expr CONDITION = call("<>", BOOLEAN, ref(5, INT), literal(1, INT));

    @AfterEach
    void backendsClosed() {
        TestBackends.assertAllClosed();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT)) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                cases.add(Arguments.of(type, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} join on {1}")
    @MethodSource("cases")
    void joinsEachProbeRowWithTheVersionValidAtItsTimeAcrossARestore(JoinType type, String backend) {
        Random random = new Random(type.ordinal() * 31 + backend.length());
        List<Object[]> probes = probeRows(random, 400);
        List<Object[]> versions = versionRows(random, 300);
        StateBackendFactory backends = TestBackends.of(backend);
        List<List<Object>> actual = new ArrayList<>();
        int p = 0;
        int v = 0;
        Map<Integer, byte[]> snapshot = null;
        OperatorHarness harness = harness(backends, type);
        try {
            while (p < probes.size() || v < versions.size()) {
                int input = v >= versions.size() || (p < probes.size() && random.nextBoolean()) ? 0 : 1;
                List<Object[]> side = input == 0 ? probes : versions;
                int from = input == 0 ? p : v;
                int to = Math.min(side.size(), from + 1 + random.nextInt(7));
                harness.process(input, side.subList(from, to));
                if (input == 0) {
                    p = to;
                } else {
                    v = to;
                }
                harness.watermark(Math.min(base(probes, p), base(versions, v)) - 1);
                if (snapshot == null && p + v > (probes.size() + versions.size()) / 2) {
                    snapshot = harness.snapshot();
                    actual.addAll(harness.emitted());
                    harness.close();
                    harness = harness(backends, type);
                    harness.restore(snapshot);
                }
            }
            harness.watermark(Long.MAX_VALUE);
            actual.addAll(harness.finish());
        } finally {
            harness.close();
        }
        List<List<Object>> expected = reference(type, probes, versions);
        assertThat(sorted(actual)).isEqualTo(sorted(expected));
        assertThat(actual.stream().filter(row -> row.get(3) != null)).isNotEmpty();
        if (type == JoinType.LEFT) {
            assertThat(actual.stream().filter(row -> row.get(0) != null && row.get(3) == null)).isNotEmpty();
        }
    }

    /**
     * Versions older than the one valid at the watermark are freed: with 40 versions per key in the
     * stream the snapshot after 8,000 of them is no bigger than twice the one after 2,000, and after
     * the final watermark the state is what the latest version of each key alone leaves.
     */
    @Test
    void freesVersionsOlderThanTheOneValidAtTheWatermark() {
        Random random = new Random(11);
        List<Object[]> probes = probeRows(random, 8000);
        List<Object[]> versions = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            versions.add(new Object[] {i % KEYS, 5L * i + 100, i, RowKind.INSERT.toByteValue()});
        }
        long[] sizes = new long[2];
        try (OperatorHarness harness = harness(StateBackendFactory.HEAP, JoinType.LEFT)) {
            for (int i = 0; i < 8000; i += 200) {
                harness.process(0, probes.subList(i, i + 200));
                harness.process(1, versions.subList(i, i + 200));
                harness.watermark(Math.min(base(probes, i + 200), base(versions, i + 200)) - 1);
                if (i + 200 == 2000 || i + 200 == 8000) {
                    sizes[i + 200 == 2000 ? 0 : 1] = size(harness.snapshot());
                }
            }
            harness.watermark(Long.MAX_VALUE);
            Map<Integer, byte[]> afterEnd = harness.snapshot();
            afterEnd.remove(CheckpointedOperator.OPERATOR_STATE);
            assertThat(size(afterEnd)).as("state after the final watermark vs the latest versions alone")
                    .isEqualTo(stateOf(versions.subList(versions.size() - KEYS, versions.size())));
            assertThat(harness.finish()).hasSize(8000);
        }
        assertThat(sizes[1]).as("state size after 8,000 versions vs after 2,000").isLessThan(sizes[0] * 2);
    }

    /**
     * A probe row behind the watermark is dropped; a version behind it still counts for later probe
     * rows; a -U is no version of its own; a -D ends the key at its time.
     */
    @Test
    void dropsLateProbeRowsAndAppliesLateVersionsUpdatesAndDeletes() {
        try (OperatorHarness harness = harness(StateBackendFactory.HEAP, JoinType.LEFT)) {
            harness.process(1, OperatorHarness.rows(version(1, 10L, 2, RowKind.INSERT)));
            harness.process(0, OperatorHarness.rows(new Object[] {1, 15L, 100}));
            harness.watermark(20);
            harness.process(0, OperatorHarness.rows(new Object[] {1, 20L, 101}, new Object[] {1, 25L, 102}));
            harness.process(1, OperatorHarness.rows(version(1, 10L, 2, RowKind.UPDATE_BEFORE),
                    version(1, 18L, 3, RowKind.UPDATE_AFTER), version(1, 30L, 3, RowKind.DELETE)));
            harness.process(0, OperatorHarness.rows(new Object[] {1, 35L, 103}, new Object[] {null, 40L, 104},
                    new Object[] {2, 40L, 105}));
            harness.watermark(Long.MAX_VALUE);
            assertThat(harness.finish()).containsExactlyInAnyOrder(
                    Arrays.asList(1, 15L, 100, 1, 10L, 2),
                    Arrays.asList(1, 25L, 102, 1, 18L, 3),
                    Arrays.asList(1, 35L, 103, null, null, null),
                    Arrays.asList(null, 40L, 104, null, null, null),
                    Arrays.asList(2, 40L, 105, null, null, null));
        }
    }

    /** The keyed state a fresh LEFT join keeps of {@code versions} after the final watermark. */
    private static long stateOf(List<Object[]> versions) {
        try (OperatorHarness harness = harness(StateBackendFactory.HEAP, JoinType.LEFT)) {
            harness.process(1, versions);
            harness.watermark(Long.MAX_VALUE);
            Map<Integer, byte[]> snapshot = harness.snapshot();
            snapshot.remove(CheckpointedOperator.OPERATOR_STATE);
            harness.finish();
            return size(snapshot);
        }
    }

    private static Object[] version(int key, long time, int y, RowKind kind) {
        return new Object[] {key, time, y, kind.toByteValue()};
    }

    private static OperatorHarness harness(StateBackendFactory backends, JoinType type) {
        TemporalJoinSpec spec = new TemporalJoinSpec(new JoinSpec(type, List.of(0), List.of(0), CONDITION), 1, 1);
        RowType versionRow = RowKind.withoutRowKind(VERSIONS);
        List<Field> fields = new ArrayList<>();
        for (Field field : PROBE.fields()) {
            fields.add(new Field("l_" + field.name(), field.type().withNullable(true)));
        }
        for (Field field : versionRow.fields()) {
            fields.add(new Field("r_" + field.name(), field.type().withNullable(true)));
        }
        return new OperatorHarness(backends, new TemporalJoinOperatorFactory(spec, PROBE, VERSIONS), spec,
                new RowType(fields), 16, PROBE, VERSIONS);
    }

    /** Probe rows whose i-th has time {@code 5 i} minus up to DISORDER: out of order, never behind the watermark. */
    private static List<Object[]> probeRows(Random random, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Integer key = random.nextInt(12) == 0 ? null : random.nextInt(KEYS);
            rows.add(new Object[] {key, 5L * i + 100 - random.nextInt(DISORDER), i});
        }
        return rows;
    }

    /**
     * A changelog of versions at distinct times near {@code 5 i + 80}: the first change of a key is
     * an insert, later ones an update (-U of the former version, +U of the new) or now and then a
     * delete (the row with the time of the delete), after which the key is inserted again.
     */
    private static List<Object[]> versionRows(Random random, int count) {
        List<Object[]> rows = new ArrayList<>();
        Map<Integer, Object[]> current = new HashMap<>();
        Set<Long> used = new HashSet<>();
        for (int i = 0; rows.size() < count; i++) {
            int key = random.nextInt(KEYS);
            long time;
            do {
                time = 5L * i + 80 - random.nextInt(DISORDER / 2);
            } while (!used.add(time * KEYS + key));
            int y = random.nextInt(3);
            Object[] former = current.get(key);
            if (former == null) {
                rows.add(version(key, time, y, RowKind.INSERT));
                current.put(key, version(key, time, y, RowKind.INSERT));
            } else if (random.nextInt(6) == 0) {
                rows.add(version(key, time, (Integer) former[2], RowKind.DELETE));
                current.remove(key);
            } else {
                rows.add(version(key, (Long) former[1], (Integer) former[2], RowKind.UPDATE_BEFORE));
                rows.add(version(key, time, y, RowKind.UPDATE_AFTER));
                current.put(key, version(key, time, y, RowKind.UPDATE_AFTER));
            }
        }
        return rows;
    }

    /** The earliest time of the rows still to come (a -U is no version, its time does not matter). */
    private static long base(List<Object[]> rows, int next) {
        long earliest = Long.MAX_VALUE / 2;
        for (Object[] row : rows.subList(next, rows.size())) {
            boolean updateBefore = row.length == 4 && (Byte) row[3] == RowKind.UPDATE_BEFORE.toByteValue();
            if (!updateBefore) {
                earliest = Math.min(earliest, (Long) row[1]);
            }
        }
        return earliest;
    }

    /** For each probe row the latest change of its key at or before its time that is no -U: a match unless a delete. */
    private static List<List<Object>> reference(JoinType type, List<Object[]> probes, List<Object[]> versions) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] probe : probes) {
            Object[] valid = null;
            for (Object[] version : versions) {
                boolean candidate = probe[0] != null && probe[0].equals(version[0])
                        && (Long) version[1] <= (Long) probe[1]
                        && (Byte) version[3] != RowKind.UPDATE_BEFORE.toByteValue();
                if (candidate && (valid == null || (Long) version[1] > (Long) valid[1])) {
                    valid = version;
                }
            }
            boolean live = valid != null && (Byte) valid[3] != RowKind.DELETE.toByteValue();
            if (live && (Integer) valid[2] != 1) {
                rows.add(joined(probe, valid));
            } else if (type == JoinType.LEFT) {
                rows.add(joined(probe, null));
            }
        }
        return rows;
    }

    private static List<Object> joined(Object[] probe, Object[] version) {
        List<Object> row = new ArrayList<>(Arrays.asList(probe));
        row.addAll(version == null ? Arrays.asList(null, null, null) : Arrays.asList(version).subList(0, 3));
        return row;
    }

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    private static long size(Map<Integer, byte[]> snapshot) {
        return snapshot.values().stream().mapToLong(bytes -> bytes.length).sum();
    }
}
