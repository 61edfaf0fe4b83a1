package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.RankOperator.RankOperatorFactory;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.RankSpec.RankFunction;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankOperatorTest {
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final DataType STRING = type(TypeKind.STRING);
    private static final RowType INPUT = row("id", BIGINT, "p", STRING, "v", BIGINT);

    /**
     * ROW_NUMBER orders by v DESC NULLS LAST then id (a total order, so the numbering is determined);
     * RANK and DENSE_RANK order by v only, with ties and NULLs (sorted first ascending).
     */
    @ParameterizedTest(name = "{0} in [{1}, {2}], output rank {3}")
    @CsvSource({"ROW_NUMBER, 1, 3, false", "ROW_NUMBER, 1, 1, true", "ROW_NUMBER, 2, -1, true",
        "RANK, 1, 2, true", "RANK, 1, -1, true", "DENSE_RANK, 1, 2, true", "DENSE_RANK, 2, 3, false"})
    void numbersEachPartitionAndKeepsTheRankRange(RankFunction function, long start, long end, boolean outputRank) {
        Random random = new Random(function.ordinal() * 100 + start * 10 + end);
        List<Object[]> rows = new ArrayList<>();
        String[] partitions = {"a", "b", "c", null};
        for (long id = 0; id < 200; id++) {
            Long v = random.nextInt(9) == 0 ? null : (long) random.nextInt(6);
            rows.add(new Object[] {id, partitions[random.nextInt(4)], v});
        }
        List<SortKey> order = function == RankFunction.ROW_NUMBER
                ? List.of(new SortKey(2, true, false), new SortKey(0, false, true))
                : List.of(new SortKey(2, false, true));
        RankSpec spec = new RankSpec(List.of(1), order, function, start, end, outputRank);
        List<Field> fields = new ArrayList<>(INPUT.fields());
        if (outputRank) {
            fields.add(new Field("rk", BIGINT));
        }
        List<List<Object>> actual;
        try (OperatorHarness harness = new OperatorHarness(new RankOperatorFactory(spec), spec, new RowType(fields), 16,
                INPUT)) {
            for (int i = 0; i < rows.size(); i += 33) {
                harness.process(0, rows.subList(i, Math.min(i + 33, rows.size())));
            }
            actual = harness.finish();
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(reference(rows, function, start, end, outputRank));
    }

    private static List<List<Object>> reference(List<Object[]> rows, RankFunction function, long start, long end,
            boolean outputRank) {
        Map<Object, List<Object[]>> byPartition = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byPartition.computeIfAbsent(Arrays.asList(row[1]), k -> new ArrayList<>()).add(row);
        }
        Comparator<Long> nullsFirst = Comparator.nullsFirst(Comparator.<Long>naturalOrder());
        List<List<Object>> result = new ArrayList<>();
        for (List<Object[]> partition : byPartition.values()) {
            if (function == RankFunction.ROW_NUMBER) {
                partition.sort(Comparator.<Object[], Long>comparing(r -> (Long) r[2],
                        Comparator.nullsLast(Comparator.<Long>reverseOrder())).thenComparing(r -> (Long) r[0]));
            } else {
                partition.sort(Comparator.comparing(r -> (Long) r[2], nullsFirst));
            }
            for (int i = 0; i < partition.size(); i++) {
                Object[] row = partition.get(i);
                long rank = switch (function) {
                    case ROW_NUMBER -> i + 1;
                    // 1 + the number of rows strictly before it
                    case RANK -> 1 + partition.stream().filter(o -> nullsFirst.compare((Long) o[2], (Long) row[2]) < 0)
                            .count();
                    // 1 + the number of distinct values strictly before it
                    case DENSE_RANK -> 1 + partition.stream().filter(o -> nullsFirst.compare((Long) o[2], (Long) row[2]) < 0)
                            .map(o -> Arrays.asList(o[2])).distinct().count();
                };
                if (rank >= start && (end < 0 || rank <= end)) {
                    List<Object> out = new ArrayList<>(Arrays.asList(row));
                    if (outputRank) {
                        out.add(rank);
                    }
                    result.add(out);
                }
            }
        }
        return result;
    }
}
