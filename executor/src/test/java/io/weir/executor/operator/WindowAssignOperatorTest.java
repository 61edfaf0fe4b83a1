package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.WindowAssignSpec;
import io.weir.executor.plan.WindowAssignSpec.Kind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAssignOperatorTest {
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);

    /** The windows of {@code t} as "start..end" strings, by the operator. */
    private static List<String> windows(WindowAssignSpec spec, long t) {
        long[] starts = new long[spec.maxWindowsPerRow()];
        long[] ends = new long[spec.maxWindowsPerRow()];
        int count = WindowAssignOperator.assign(spec, t, starts, ends);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(starts[i] + ".." + ends[i]);
        }
        return result;
    }

    /** The same windows by brute force: every candidate window start near t, kept when it contains t. */
    private static List<String> bruteForce(WindowAssignSpec spec, long t) {
        List<String> result = new ArrayList<>();
        for (long start = -10 * spec.size(); start <= 10 * spec.size(); start += spec.step()) {
            switch (spec.kind()) {
                case TUMBLE, HOP -> {
                    if (start <= t && t < start + spec.size()) {
                        result.add(start + ".." + (start + spec.size()));
                    }
                }
                case CUMULATE -> {
                    if (Math.floorMod(start, spec.size()) != 0) {
                        continue;
                    }
                    for (long end = start + spec.step(); end <= start + spec.size(); end += spec.step()) {
                        if (start <= t && t < end) {
                            result.add(start + ".." + end);
                        }
                    }
                }
            }
        }
        return result;
    }

    @Test
    void everyKindMatchesBruteForceAroundTheEpochIncludingNegativeTimes() {
        List<WindowAssignSpec> specs = List.of(new WindowAssignSpec(Kind.TUMBLE, 0, 10, 10, true),
                new WindowAssignSpec(Kind.HOP, 0, 20, 5, true), new WindowAssignSpec(Kind.HOP, 0, 10, 10, true),
                new WindowAssignSpec(Kind.CUMULATE, 0, 20, 5, true));
        for (WindowAssignSpec spec : specs) {
            for (long t = -45; t <= 45; t++) {
                assertThat(windows(spec, t)).as("%s at %d", spec.describe(), t).isEqualTo(bruteForce(spec, t));
            }
        }
    }

    @Test
    void boundariesBelongToTheWindowTheyStart() {
        assertThat(windows(new WindowAssignSpec(Kind.TUMBLE, 0, 10, 10, false), 0)).containsExactly("0..10");
        assertThat(windows(new WindowAssignSpec(Kind.TUMBLE, 0, 10, 10, false), -1)).containsExactly("-10..0");
        assertThat(windows(new WindowAssignSpec(Kind.TUMBLE, 0, 10, 10, false), 10)).containsExactly("10..20");
        assertThat(windows(new WindowAssignSpec(Kind.HOP, 0, 10, 5, false), 5)).containsExactly("0..10", "5..15");
        assertThat(windows(new WindowAssignSpec(Kind.CUMULATE, 0, 10, 5, false), 5)).containsExactly("0..10");
        assertThat(windows(new WindowAssignSpec(Kind.CUMULATE, 0, 10, 5, false), 4)).containsExactly("0..5", "0..10");
    }

    @Test
    void emitsOneRowPerWindowWithTheWindowColumnsAndDropsNullTimes() {
        RowType input = new RowType(List.of(new Field("k", DataType.of(TypeKind.BIGINT)), new Field("ts", TIMESTAMP)));
        RowType output = new RowType(List.of(new Field("k", DataType.of(TypeKind.BIGINT)), new Field("ts", TIMESTAMP),
                new Field("window_start", TIMESTAMP), new Field("window_end", TIMESTAMP),
                new Field("window_time", TIMESTAMP)));
        WindowAssignSpec spec = new WindowAssignSpec(Kind.HOP, 1, 10, 5, true);
        try (OperatorHarness harness = new OperatorHarness(new WindowAssignOperator.WindowAssignOperatorFactory(spec,
                input, output), spec, output, 4, input)) {
            harness.process(0, OperatorHarness.rows(new Object[] {1L, 7L}, new Object[] {2L, null},
                    new Object[] {null, -3L}));
            assertThat(harness.finish()).containsExactly(List.of(1L, 7L, 0L, 10L, 9L), List.of(1L, 7L, 5L, 15L, 14L),
                    java.util.Arrays.asList(null, -3L, -10L, 0L, -1L), java.util.Arrays.asList(null, -3L, -5L, 5L, 4L));
        }
    }
}
