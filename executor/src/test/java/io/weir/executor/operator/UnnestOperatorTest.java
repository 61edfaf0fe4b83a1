package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.operator.UnnestOperator.UnnestOperatorFactory;
import io.weir.executor.plan.UnnestSpec;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Unnest operator against a plain-Java unnest of the same rows: two zipped arrays (NULL, empty,
 * NULL elements, different lengths), with and without ordinality and outer, a changelog input whose
 * row kinds every output row must keep, and output batches smaller than one row's elements.
 */
class UnnestOperatorTest {
    private static final RowType INPUT = RowKind.withRowKind(new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("a", DataType.array(DataType.of(TypeKind.INT))),
            new Field("b", DataType.array(DataType.of(TypeKind.STRING))))));

    @ParameterizedTest(name = "ordinality {0}, outer {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void unnestsLikeAPlainJavaLoop(boolean ordinality, boolean outer) {
        Random random = new Random(3);
        List<Object[]> input = new ArrayList<>();
        for (long id = 0; id < 60; id++) {
            byte kind = RowKind.values()[random.nextInt(4)].toByteValue();
            input.add(new Object[] {id, array(random, () -> random.nextInt(5) == 0 ? null : random.nextInt(100)),
                array(random, () -> random.nextInt(5) == 0 ? null : "s" + random.nextInt(9)), kind});
        }
        List<List<Object>> expected = new ArrayList<>();
        for (Object[] row : input) {
            List<?> a = row[1] == null ? List.of() : (List<?>) row[1];
            List<?> b = row[2] == null ? List.of() : (List<?>) row[2];
            int length = Math.max(a.size(), b.size());
            for (int i = 0; i < length; i++) {
                List<Object> out = new ArrayList<>(Arrays.asList(row[0], i < a.size() ? a.get(i) : null,
                        i < b.size() ? b.get(i) : null));
                if (ordinality) {
                    out.add(i + 1);
                }
                out.add(row[3]);
                expected.add(out);
            }
            if (length == 0 && outer) {
                List<Object> out = new ArrayList<>(Arrays.asList(row[0], null, null));
                if (ordinality) {
                    out.add(null);
                }
                out.add(row[3]);
                expected.add(out);
            }
        }
        List<Field> fields = new ArrayList<>(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
                new Field("x", DataType.of(TypeKind.INT)), new Field("y", DataType.of(TypeKind.STRING))));
        if (ordinality) {
            fields.add(new Field("pos", DataType.of(TypeKind.INT)));
        }
        RowType output = RowKind.withRowKind(new RowType(fields));
        UnnestSpec spec = new UnnestSpec(List.of(1, 2), 1, ordinality, outer);
        try (OperatorHarness harness = new OperatorHarness(new UnnestOperatorFactory(spec, INPUT), spec, output, 3, INPUT)) {
            harness.process(0, input.subList(0, 25));
            harness.process(0, input.subList(25, 60));
            assertThat(harness.finish()).isEqualTo(expected);
        }
    }

    private static List<Object> array(Random random, java.util.function.Supplier<Object> element) {
        int length = random.nextInt(6) - 1;
        if (length < 0) {
            return null;
        }
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            list.add(element.get());
        }
        return list;
    }
}
