package io.weir.planner.function;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Flink's window table functions: {@code TUMBLE(TABLE t, DESCRIPTOR(ts), size)}, {@code HOP(TABLE t,
 * DESCRIPTOR(ts), slide, size)} and {@code CUMULATE(TABLE t, DESCRIPTOR(ts), step, size)}, each
 * returning the table's columns plus {@code window_start}, {@code window_end} and {@code window_time}
 * (= {@code window_end} − 1 ms, the rowtime of the window's results). Calcite's own TUMBLE and HOP give
 * no {@code window_time}, and it has no CUMULATE (which takes the operands of HOP). Also
 * {@code CURRENT_WATERMARK(rowtime)}: the watermark of the operator evaluating it, NULL before the
 * first one (never constant-folded).
 */
public final class EventTimeFunctions {
    public static final SqlWindowTableFunction TUMBLE = new WithWindowTime("TUMBLE",
            operands(SqlStdOperatorTable.TUMBLE));
    public static final SqlWindowTableFunction HOP = new WithWindowTime("HOP",
            operands(SqlStdOperatorTable.HOP));
    public static final SqlWindowTableFunction CUMULATE = new WithWindowTime("CUMULATE",
            operands(SqlStdOperatorTable.HOP));
    /**
     * Flink's {@code SESSION(TABLE t [PARTITION BY k, …], DESCRIPTOR(ts), gap)}: the table argument has
     * set semantics, so it may be partitioned; the operands otherwise are TUMBLE's.
     */
    public static final SqlWindowTableFunction SESSION = new WithWindowTime("SESSION",
            operands(SqlStdOperatorTable.TUMBLE)) {
        @Override
        public org.apache.calcite.sql.@Nullable TableCharacteristic tableCharacteristic(int ordinal) {
            return ordinal == 0 ? org.apache.calcite.sql.TableCharacteristic.builder(
                    org.apache.calcite.sql.TableCharacteristic.Semantics.SET).pruneIfEmpty().passColumnsThrough().build()
                    : null;
        }
    };

    public static final SqlFunction CURRENT_WATERMARK = new SqlFunction("CURRENT_WATERMARK", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0.andThen(SqlTypeTransforms.TO_NULLABLE), null,
            OperandTypes.family(SqlTypeFamily.TIMESTAMP), SqlFunctionCategory.TIMEDATE) {
        @Override
        public boolean isDeterministic() {
            return false;
        }

        @Override
        public boolean isDynamicFunction() {
            return true;
        }
    };

    private static final List<SqlOperator> FUNCTIONS = List.of(TUMBLE, HOP, CUMULATE, SESSION, CURRENT_WATERMARK);
    private static final Set<String> NAMES = Set.of("TUMBLE", "HOP", "CUMULATE", "SESSION");

    private EventTimeFunctions() {
    }

    /** {@code operators} with these functions in place of any table functions of the same names. */
    public static SqlOperatorTable over(SqlOperatorTable operators) {
        SqlOperatorTable filtered = new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(SqlIdentifier name, @Nullable SqlFunctionCategory category,
                    SqlSyntax syntax, List<SqlOperator> result, SqlNameMatcher nameMatcher) {
                int before = result.size();
                operators.lookupOperatorOverloads(name, category, syntax, result, nameMatcher);
                result.subList(before, result.size()).removeIf(EventTimeFunctions::replaced);
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                return operators.getOperatorList().stream().filter(op -> !replaced(op)).toList();
            }
        };
        return SqlOperatorTables.chain(filtered, SqlOperatorTables.of(FUNCTIONS));
    }

    private static SqlOperandMetadata operands(SqlOperator calciteFunction) {
        return ((SqlWindowTableFunction) calciteFunction).getOperandTypeChecker();
    }

    private static boolean replaced(SqlOperator operator) {
        return operator instanceof SqlWindowTableFunction && NAMES.contains(operator.getName().toUpperCase(Locale.ROOT));
    }

    /** A window table function whose rows also carry {@code window_time}. */
    private static class WithWindowTime extends SqlWindowTableFunction {
        WithWindowTime(String name, SqlOperandMetadata operands) {
            super(name, operands);
        }

        @Override
        public SqlReturnTypeInference getRowTypeInference() {
            return binding -> {
                RelDataType windowed = ARG0_TABLE_FUNCTION_WINDOWING.inferReturnType(binding);
                if (windowed == null) {
                    return null;
                }
                RelDataType end = windowed.getFieldList().get(windowed.getFieldCount() - 1).getType();
                return binding.getTypeFactory().builder().addAll(windowed.getFieldList())
                        .add("window_time", binding.getTypeFactory().createTypeWithNullability(end, false))
                        .build();
            };
        }
    }
}
