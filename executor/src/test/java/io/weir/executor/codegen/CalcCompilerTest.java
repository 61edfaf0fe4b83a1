package io.weir.executor.codegen;

import static io.weir.executor.testing.Plans.call;
import static io.weir.executor.testing.Plans.literal;
import static io.weir.executor.testing.Plans.ref;
import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.Expr;
import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CalcCompilerTest {
    private static final DataType INT = type(TypeKind.INT);
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final DataType STRING = type(TypeKind.STRING);
    private static final DataType BOOLEAN = type(TypeKind.BOOLEAN);
    private static final DataType DOUBLE = type(TypeKind.DOUBLE);
    private static final DataType DATE = type(TypeKind.DATE);
    private static final RowType INPUT = row("a", INT, "b", INT, "s", STRING, "d", DataType.decimal(10, 2), "x", DOUBLE,
            "flag", BOOLEAN);
    private final RootAllocator allocator = new RootAllocator(64 << 20);

    @AfterEach
    void close() {
        allocator.close();
    }

    private List<Object> evaluate(Expr expr, Object[]... rows) {
        RowType out = new RowType(List.of(new Field("r", expr.type())));
        Class<? extends CalcProgram> type = CalcCompiler.compile(INPUT, List.of(expr), null, out);
        CalcProgram program = CalcCompiler.instantiate(type);
        try (VectorSchemaRoot in = ArrowTypes.allocate(INPUT, allocator);
                VectorSchemaRoot result = Batches.allocate(out, allocator, rows.length)) {
            BatchBuilder builder = new BatchBuilder(in, 100);
            for (Object[] row : rows) {
                builder.append(row);
            }
            builder.finish();
            result.setRowCount(program.evaluate(in, result));
            List<Object> values = new ArrayList<>();
            for (int r = 0; r < result.getRowCount(); r++) {
                values.add(BatchValues.get(result.getVector(0), r));
            }
            return values;
        }
    }

    private static Object[] r(Object... values) {
        return values;
    }

    @Test
    void arithmeticPropagatesNulls() {
        assertThat(evaluate(call("+", INT, ref(0, INT), ref(1, INT)), r(1, 2, null, null, null, null),
                r(null, 2, null, null, null, null))).containsExactly(3, null);
        assertThat(evaluate(call("/", INT, ref(0, INT), ref(1, INT)), r(7, 2, null, null, null, null),
                r(-7, 2, null, null, null, null))).containsExactly(3, -3);
        assertThat(evaluate(call("MOD", INT, ref(0, INT), ref(1, INT)), r(7, 3, null, null, null, null))).containsExactly(1);
        assertThat(evaluate(call("NEGATE", BIGINT, ref(0, INT)), r(7, 3, null, null, null, null))).containsExactly(-7L);
    }

    @Test
    void decimalArithmeticAtResultScale() {
        DataType result = DataType.decimal(15, 4);
        assertThat(evaluate(call("/", result, ref(3, DataType.decimal(10, 2)), ref(0, INT)),
                r(3, 0, null, new BigDecimal("1.00"), null, null), r(3, 0, null, null, null, null)))
                .containsExactly(new BigDecimal("0.3333"), null);
        assertThat(evaluate(call("+", DataType.decimal(12, 2), ref(3, DataType.decimal(10, 2)), ref(0, INT)),
                r(3, 0, null, new BigDecimal("1.25"), null, null))).containsExactly(new BigDecimal("4.25"));
        assertThatThrownBy(() -> evaluate(call("/", result, ref(3, DataType.decimal(10, 2)), ref(1, INT)),
                r(3, 0, null, new BigDecimal("1.00"), null, null))).hasMessage("Division by zero");
    }

    @Test
    void threeValuedLogicAndPredicates() {
        Expr aPositive = call(">", BOOLEAN, ref(0, INT), literal(0, INT));
        Expr flag = ref(5, BOOLEAN);
        Object[][] rows = {r(1, 0, null, null, null, null), r(-1, 0, null, null, null, null),
            r(1, 0, null, null, null, true), r(null, 0, null, null, null, false)};
        assertThat(evaluate(call("AND", BOOLEAN, aPositive, flag), rows)).containsExactly(null, false, true, false);
        assertThat(evaluate(call("OR", BOOLEAN, aPositive, flag), rows)).containsExactly(true, null, true, null);
        assertThat(evaluate(call("NOT", BOOLEAN, flag), rows)).containsExactly(null, null, false, true);
        assertThat(evaluate(call("IS NOT TRUE", BOOLEAN, flag), rows)).containsExactly(true, true, false, true);
        assertThat(evaluate(call("IS DISTINCT FROM", BOOLEAN, ref(0, INT), literal(null, INT)), rows))
                .containsExactly(true, true, true, false);
        assertThat(evaluate(call("IS NOT DISTINCT FROM", BOOLEAN, ref(0, INT), literal(1L, BIGINT)), rows))
                .containsExactly(true, false, true, false);
    }

    @Test
    void caseDoesNotEvaluateUnneededBranches() {
        // CASE WHEN b = 0 THEN NULL ELSE a / b END
        Expr guarded = call("CASE", INT, call("=", BOOLEAN, ref(1, INT), literal(0, INT)), literal(null, INT),
                call("/", INT, ref(0, INT), ref(1, INT)));
        assertThat(evaluate(guarded, r(6, 0, null, null, null, null), r(6, 3, null, null, null, null)))
                .containsExactly(null, 2);
        assertThat(evaluate(call("COALESCE", INT, ref(0, INT), ref(1, INT), literal(9, INT)),
                r(null, null, null, null, null, null), r(null, 4, null, null, null, null))).containsExactly(9, 4);
        assertThat(evaluate(call("NULLIF", INT, ref(0, INT), ref(1, INT)),
                r(3, 3, null, null, null, null), r(3, 4, null, null, null, null))).containsExactly(null, 3);
    }

    @Test
    void stringFunctions() {
        Expr s = ref(2, STRING);
        Object[] hello = r(2, 3, "  Hello World ", null, null, null);
        Object[] none = r(2, 3, null, null, null, null);
        assertThat(evaluate(call("TRIM_BOTH", STRING, s), hello, none)).containsExactly("Hello World", null);
        assertThat(evaluate(call("SUBSTRING", STRING, s, ref(0, INT), ref(1, INT)), hello)).containsExactly(" He");
        assertThat(evaluate(call("CONCAT", STRING, s, literal("!", STRING)), hello, none)).containsExactly("  Hello World !", null);
        assertThat(evaluate(call("CHAR_LENGTH", INT, s), hello, none)).containsExactly(14, null);
        assertThat(evaluate(call("LIKE", BOOLEAN, s, literal("%World%", STRING)), hello, none)).containsExactly(true, null);
        assertThat(evaluate(call("NOT LIKE", BOOLEAN, s, literal("%world%", STRING)), hello)).containsExactly(true);
        assertThat(evaluate(call("REPLACE", STRING, s, literal("o", STRING), literal("0", STRING)), hello))
                .containsExactly("  Hell0 W0rld ");
        assertThat(evaluate(call("POSITION", INT, literal("World", STRING), s), hello)).containsExactly(9);
        assertThat(evaluate(call("INITCAP", STRING, call("LOWER", STRING, s)), hello)).containsExactly("  Hello World ");
    }

    @Test
    void casts() {
        Object[] row = r(42, 0, "17", new BigDecimal("2.50"), 2.75, true);
        assertThat(evaluate(call("CAST", INT, ref(2, STRING)), row)).containsExactly(17);
        assertThat(evaluate(call("CAST", STRING, ref(3, DataType.decimal(10, 2))), row)).containsExactly("2.50");
        assertThat(evaluate(call("CAST", INT, ref(4, DOUBLE)), row)).containsExactly(2);
        assertThat(evaluate(call("CAST", DataType.decimal(5, 1), ref(4, DOUBLE)), row)).containsExactly(new BigDecimal("2.8"));
        assertThat(evaluate(call("CAST", STRING, ref(5, BOOLEAN)), row)).containsExactly("TRUE");
        assertThat(evaluate(call("CAST", DATE, literal("2024-02-29", STRING)), row)).containsExactly(19782);
        assertThat(evaluate(call("CAST", STRING, call("CAST", type(TypeKind.TIMESTAMP), literal("2024-02-29 10:00:00", STRING))),
                row)).containsExactly("2024-02-29 10:00:00");
        assertThatThrownBy(() -> evaluate(call("CAST", INT, literal("abc", STRING)), row))
                .isInstanceOf(WeirException.class).hasMessage("Cannot cast 'abc' to INT");
    }

    @Test
    void mathAndTime() {
        Object[] row = r(-3, 2, null, new BigDecimal("-2.55"), 2.5, null);
        assertThat(evaluate(call("ABS", INT, ref(0, INT)), row)).containsExactly(3);
        assertThat(evaluate(call("ABS", DataType.decimal(10, 2), ref(3, DataType.decimal(10, 2))), row))
                .containsExactly(new BigDecimal("2.55"));
        assertThat(evaluate(call("ROUND", DataType.decimal(10, 1), ref(3, DataType.decimal(10, 2)), literal(1, INT)), row))
                .containsExactly(new BigDecimal("-2.6"));
        assertThat(evaluate(call("FLOOR", DOUBLE, ref(4, DOUBLE)), row)).containsExactly(2.0);
        assertThat(evaluate(call("CEIL", DataType.decimal(10, 0), ref(3, DataType.decimal(10, 2))), row))
                .containsExactly(new BigDecimal("-2"));
        assertThat(evaluate(call("POWER", DOUBLE, ref(1, INT), literal(10, INT)), row)).containsExactly(1024.0);
        assertThat(evaluate(call("SQRT", DOUBLE, literal(16.0, DOUBLE)), row)).containsExactly(4.0);
        assertThat(evaluate(call("SIGN", INT, ref(0, INT)), row)).containsExactly(-1);
        assertThat(evaluate(call("EXTRACT", BIGINT, literal("YEAR", STRING),
                call("CAST", DATE, literal("2024-02-29", STRING))), row)).containsExactly(2024L);
        assertThat(evaluate(call("CURRENT_TIMESTAMP", type(TypeKind.TIMESTAMP_LTZ)), row)).hasSize(1);
    }

    @Test
    void filterKeepsOnlyTrueRowsAndReusesCompiledClass() {
        RowType out = row("a", INT);
        Expr condition = call(">", BOOLEAN, ref(0, INT), ref(1, INT));
        Class<? extends CalcProgram> first = CalcCompiler.compile(INPUT, List.of(ref(0, INT)), condition, out);
        Class<? extends CalcProgram> second = CalcCompiler.compile(INPUT, List.of(ref(0, INT)), condition, out);
        assertThat(second).isSameAs(first);
        try (VectorSchemaRoot in = ArrowTypes.allocate(INPUT, allocator);
                VectorSchemaRoot result = Batches.allocate(out, allocator, 3)) {
            BatchBuilder builder = new BatchBuilder(in, 10);
            builder.append(r(5, 1, null, null, null, null));
            builder.append(r(null, 1, null, null, null, null));
            builder.append(r(0, 1, null, null, null, null));
            builder.finish();
            int rows = CalcCompiler.instantiate(first).evaluate(in, result);
            assertThat(rows).isEqualTo(1);
            assertThat(Arrays.asList(BatchValues.get(result.getVector(0), 0))).containsExactly(5);
        }
    }
}
