package io.weir.planner.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Flink's built-in scalar functions that neither Calcite's standard library nor its PostgreSQL library
 * defines (the others, such as LPAD, CONCAT_WS or GREATEST, come from those libraries and keep Flink's
 * semantics in the executor). The executor implements each under the same name, except IF and IFNULL,
 * which the translator turns into CASE and COALESCE.
 */
public final class FlinkFunctions {
    /** Flink's STRING: a VARCHAR of unbounded length, nullable. */
    private static final SqlReturnTypeInference NULLABLE_STRING = binding -> binding.getTypeFactory()
            .createTypeWithNullability(binding.getTypeFactory().createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE), true);

    private static final SqlReturnTypeInference STRING_NULL_IF_ARGS_NULL = binding -> {
        RelDataType string = binding.getTypeFactory().createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE);
        boolean nullable = binding.collectOperandTypes().stream().anyMatch(RelDataType::isNullable);
        return binding.getTypeFactory().createTypeWithNullability(string, nullable);
    };

    /** REGEXP_EXTRACT(string, regex [, group]): NULL when nothing matches. */
    public static final SqlBasicFunction REGEXP_EXTRACT = SqlBasicFunction.create("REGEXP_EXTRACT", NULLABLE_STRING,
            OperandTypes.or(OperandTypes.STRING_STRING,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)),
            SqlFunctionCategory.STRING);

    /** SPLIT_INDEX(string, separator, index): NULL when the index is out of range. */
    public static final SqlBasicFunction SPLIT_INDEX = SqlBasicFunction.create("SPLIT_INDEX", NULLABLE_STRING,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
            SqlFunctionCategory.STRING);

    public static final SqlBasicFunction REVERSE = SqlBasicFunction.create("REVERSE", STRING_NULL_IF_ARGS_NULL,
            OperandTypes.CHARACTER, SqlFunctionCategory.STRING);

    /** IF(condition, then, else). */
    public static final SqlBasicFunction IF = SqlBasicFunction.create("IF",
            binding -> binding.getTypeFactory().leastRestrictive(
                    List.of(binding.getOperandType(1), binding.getOperandType(2))),
            OperandTypes.and(OperandTypes.family(SqlTypeFamily.BOOLEAN, SqlTypeFamily.ANY, SqlTypeFamily.ANY),
                    OperandTypes.same(3, 1, 2)),
            SqlFunctionCategory.SYSTEM);

    /** IFNULL(value, otherwise). */
    public static final SqlBasicFunction IFNULL = SqlBasicFunction.create("IFNULL",
            ReturnTypes.LEAST_RESTRICTIVE.andThen((binding, type) -> binding.getTypeFactory()
                    .createTypeWithNullability(type, binding.getOperandType(1).isNullable())),
            OperandTypes.SAME_SAME, SqlFunctionCategory.SYSTEM);

    /** FROM_UNIXTIME(seconds [, format]). */
    public static final SqlBasicFunction FROM_UNIXTIME = SqlBasicFunction.create("FROM_UNIXTIME",
            STRING_NULL_IF_ARGS_NULL, OperandTypes.or(OperandTypes.INTEGER,
                    OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER)),
            SqlFunctionCategory.TIMEDATE);

    /** UNIX_TIMESTAMP() is now; UNIX_TIMESTAMP(string [, format]) parses (NULL if it cannot). */
    public static final SqlBasicFunction UNIX_TIMESTAMP = SqlBasicFunction.create("UNIX_TIMESTAMP",
            ReturnTypes.BIGINT.andThen(SqlTypeTransforms.FORCE_NULLABLE),
            OperandTypes.or(OperandTypes.NILADIC, OperandTypes.STRING, OperandTypes.STRING_STRING),
            SqlFunctionCategory.TIMEDATE).withDeterministic(false);

    /** GREATEST(a, b, ...): NULL if any operand is NULL (Flink's rule; PostgreSQL's skips NULLs). */
    public static final SqlBasicFunction GREATEST = SqlBasicFunction.create("GREATEST",
            ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.SAME_VARIADIC,
            SqlFunctionCategory.SYSTEM);

    public static final SqlBasicFunction LEAST = SqlBasicFunction.create("LEAST",
            ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.SAME_VARIADIC,
            SqlFunctionCategory.SYSTEM);

    /** DATE_FORMAT(timestamp, pattern) with Java date-time patterns such as 'yyyy-MM-dd HH:mm:ss', as Flink's. */
    public static final SqlBasicFunction DATE_FORMAT = SqlBasicFunction.create("DATE_FORMAT", STRING_NULL_IF_ARGS_NULL,
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
            SqlFunctionCategory.TIMEDATE);

    /** Flink's TIMESTAMP(3), nullable: what a parse that may fail returns. */
    private static final SqlReturnTypeInference NULLABLE_TIMESTAMP_3 = binding -> binding.getTypeFactory()
            .createTypeWithNullability(binding.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 3), true);

    /**
     * TO_TIMESTAMP(string [, format]): the string parsed with a Java date-time pattern (default
     * 'yyyy-MM-dd HH:mm:ss'), NULL when it does not parse; Flink's, not PostgreSQL's (which takes
     * seconds or a PostgreSQL pattern and returns a TIMESTAMP WITH TIME ZONE).
     */
    public static final SqlBasicFunction TO_TIMESTAMP = SqlBasicFunction.create("TO_TIMESTAMP", NULLABLE_TIMESTAMP_3,
            OperandTypes.or(OperandTypes.STRING, OperandTypes.STRING_STRING), SqlFunctionCategory.TIMEDATE);

    /** TO_DATE(string [, format]): as TO_TIMESTAMP, with default format 'yyyy-MM-dd'. */
    public static final SqlBasicFunction TO_DATE = SqlBasicFunction.create("TO_DATE",
            ReturnTypes.DATE.andThen(SqlTypeTransforms.FORCE_NULLABLE),
            OperandTypes.or(OperandTypes.STRING, OperandTypes.STRING_STRING), SqlFunctionCategory.TIMEDATE);

    /** TO_TIMESTAMP_LTZ(epoch, precision): epoch seconds (precision 0) or milliseconds (3) as a TIMESTAMP_LTZ(3). */
    public static final SqlBasicFunction TO_TIMESTAMP_LTZ = SqlBasicFunction.create("TO_TIMESTAMP_LTZ",
            binding -> binding.getTypeFactory().createTypeWithNullability(binding.getTypeFactory()
                    .createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3), binding.getOperandType(0).isNullable()),
            OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER), SqlFunctionCategory.TIMEDATE);

    /** LOCATE(needle, haystack [, from]): the 1-based position of needle at or after from, 0 when absent. */
    public static final SqlBasicFunction LOCATE = SqlBasicFunction.create("LOCATE",
            ReturnTypes.INTEGER.andThen(SqlTypeTransforms.TO_NULLABLE),
            OperandTypes.or(OperandTypes.STRING_STRING,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)),
            SqlFunctionCategory.STRING);

    /** PROCTIME(): the wall-clock time at which the row is processed, a TIMESTAMP_LTZ(3); never constant-folded. */
    public static final SqlBasicFunction PROCTIME = SqlBasicFunction.create("PROCTIME",
            binding -> binding.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3),
            OperandTypes.NILADIC, SqlFunctionCategory.TIMEDATE).withDeterministic(false).withDynamic(true);

    private static final List<SqlBasicFunction> FUNCTIONS = List.of(PROCTIME, REGEXP_EXTRACT, SPLIT_INDEX, REVERSE, IF, IFNULL,
            FROM_UNIXTIME, UNIX_TIMESTAMP, GREATEST, LEAST, DATE_FORMAT, TO_TIMESTAMP, TO_DATE, TO_TIMESTAMP_LTZ, LOCATE);

    private FlinkFunctions() {
    }

    /**
     * {@code library} with these functions added, replacing the library's functions of the same name
     * (whose NULL rules differ from Flink's, and which constant folding would otherwise apply).
     */
    public static SqlOperatorTable over(SqlOperatorTable library) {
        Set<String> names = FUNCTIONS.stream().map(SqlBasicFunction::getName).collect(Collectors.toSet());
        SqlOperatorTable filtered = new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(SqlIdentifier name, @Nullable SqlFunctionCategory category,
                    SqlSyntax syntax, List<SqlOperator> result, SqlNameMatcher nameMatcher) {
                List<SqlOperator> found = new ArrayList<>();
                library.lookupOperatorOverloads(name, category, syntax, found, nameMatcher);
                found.removeIf(op -> op instanceof SqlFunction && names.contains(op.getName()));
                result.addAll(found);
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                return library.getOperatorList().stream()
                        .filter(op -> !(op instanceof SqlFunction && names.contains(op.getName()))).toList();
            }
        };
        return SqlOperatorTables.chain(filtered, SqlOperatorTables.of(FUNCTIONS));
    }
}
