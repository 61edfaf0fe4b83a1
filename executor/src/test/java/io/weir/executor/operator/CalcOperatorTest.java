package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.Expr;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a filter a Calc moves the columns it passes on unchanged and evaluates the others; with
 * one it evaluates every column.
 */
class CalcOperatorTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType STRING = DataType.of(TypeKind.STRING);
    private static final RowType INPUT = new RowType(List.of(new Field("id", BIGINT), new Field("name", STRING),
            new Field("note", STRING)));
    private static final List<Object[]> ROWS = List.of(new Object[] {1L, "ann", "x"}, new Object[] {2L, null, "y"},
            new Object[] {3L, "bo", null});

    private static List<List<Object>> run(List<Expr> projections, Expr condition, RowType output) {
        CalcSpec spec = new CalcSpec(projections, condition);
        // the harness fails on close if a buffer of either batch was not released
        try (OperatorHarness harness = new OperatorHarness(new CalcOperator.CalcOperatorFactory(spec, INPUT, output),
                spec, output, 4, INPUT)) {
            harness.process(0, ROWS);
            harness.process(0, ROWS);
            return List.copyOf(harness.finish());
        }
    }

    @Test
    void aSelectionReordersAndDropsColumnsWithTheirValues() {
        RowType output = new RowType(List.of(new Field("note", STRING), new Field("id", BIGINT)));
        List<List<Object>> rows = run(List.of(new Expr.InputRef(2, STRING), new Expr.InputRef(0, BIGINT)), null, output);
        assertThat(rows).containsExactly(Arrays.asList("x", 1L), Arrays.asList("y", 2L), Arrays.asList(null, 3L),
                Arrays.asList("x", 1L), Arrays.asList("y", 2L), Arrays.asList(null, 3L));
    }

    @Test
    void computedColumnsAreEvaluatedBesideTheMovedOnes() {
        RowType output = new RowType(List.of(new Field("name", STRING), new Field("shout", STRING),
                new Field("twice", BIGINT)));
        Expr upper = new Expr.Call("UPPER", List.of(new Expr.InputRef(1, STRING)), STRING);
        Expr twice = new Expr.Call("*", List.of(new Expr.InputRef(0, BIGINT), new Expr.Literal(2L, BIGINT)), BIGINT);
        List<List<Object>> rows = run(List.of(new Expr.InputRef(1, STRING), upper, twice), null, output);
        assertThat(rows.subList(0, 3)).containsExactly(Arrays.asList("ann", "ANN", 2L), Arrays.asList(null, null, 4L),
                Arrays.asList("bo", "BO", 6L));
    }

    @Test
    void aFilterEvaluatesEveryColumn() {
        RowType output = new RowType(List.of(new Field("id", BIGINT)));
        Expr notNull = new Expr.Call("IS NOT NULL", List.of(new Expr.InputRef(2, STRING)), DataType.of(TypeKind.BOOLEAN));
        assertThat(run(List.of(new Expr.InputRef(0, BIGINT)), notNull, output))
                .containsExactly(List.of(1L), List.of(2L), List.of(1L), List.of(2L));
    }

    @Test
    void aColumnTakenTwiceIsCopied() {
        RowType output = new RowType(List.of(new Field("a", STRING), new Field("b", STRING)));
        List<List<Object>> rows = run(List.of(new Expr.InputRef(1, STRING), new Expr.InputRef(1, STRING)), null, output);
        assertThat(rows).hasSize(6).first().isEqualTo(List.of("ann", "ann"));
        assertThat(rows.get(1)).containsExactly(null, null);
    }
}
