package io.weir.planner.physical;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.Expr;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite row expressions into the executor's {@link Expr}, naming each call by the
 * operator names the executor's code generator knows (see {@link Expr}'s Javadoc).
 */
public final class ExprTranslator {
    private static final Map<SqlKind, String> BY_KIND = Map.ofEntries(
            Map.entry(SqlKind.PLUS, "+"), Map.entry(SqlKind.MINUS, "-"), Map.entry(SqlKind.TIMES, "*"),
            Map.entry(SqlKind.DIVIDE, "/"), Map.entry(SqlKind.MOD, "MOD"), Map.entry(SqlKind.MINUS_PREFIX, "NEGATE"),
            Map.entry(SqlKind.EQUALS, "="), Map.entry(SqlKind.NOT_EQUALS, "<>"), Map.entry(SqlKind.LESS_THAN, "<"),
            Map.entry(SqlKind.LESS_THAN_OR_EQUAL, "<="), Map.entry(SqlKind.GREATER_THAN, ">"),
            Map.entry(SqlKind.GREATER_THAN_OR_EQUAL, ">="), Map.entry(SqlKind.IS_NULL, "IS NULL"),
            Map.entry(SqlKind.IS_NOT_NULL, "IS NOT NULL"), Map.entry(SqlKind.IS_TRUE, "IS TRUE"),
            Map.entry(SqlKind.IS_FALSE, "IS FALSE"), Map.entry(SqlKind.IS_NOT_TRUE, "IS NOT TRUE"),
            Map.entry(SqlKind.IS_NOT_FALSE, "IS NOT FALSE"), Map.entry(SqlKind.IS_DISTINCT_FROM, "IS DISTINCT FROM"),
            Map.entry(SqlKind.IS_NOT_DISTINCT_FROM, "IS NOT DISTINCT FROM"), Map.entry(SqlKind.AND, "AND"),
            Map.entry(SqlKind.OR, "OR"), Map.entry(SqlKind.NOT, "NOT"), Map.entry(SqlKind.CASE, "CASE"),
            Map.entry(SqlKind.COALESCE, "COALESCE"), Map.entry(SqlKind.NULLIF, "NULLIF"),
            Map.entry(SqlKind.CAST, "CAST"), Map.entry(SqlKind.SAFE_CAST, "CAST"), Map.entry(SqlKind.REINTERPRET, "CAST"),
            Map.entry(SqlKind.LIKE, "LIKE"), Map.entry(SqlKind.POSITION, "POSITION"),
            Map.entry(SqlKind.FLOOR, "FLOOR"), Map.entry(SqlKind.CEIL, "CEIL"),
            // nested types (see NestedFunctions in the executor)
            Map.entry(SqlKind.ITEM, "ITEM"), Map.entry(SqlKind.ARRAY_VALUE_CONSTRUCTOR, "ARRAY"),
            Map.entry(SqlKind.MAP_VALUE_CONSTRUCTOR, "MAP"), Map.entry(SqlKind.ROW, "ROW"));

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("UPPER", "UPPER"), Map.entry("LOWER", "LOWER"), Map.entry("CHAR_LENGTH", "CHAR_LENGTH"),
            Map.entry("CHARACTER_LENGTH", "CHAR_LENGTH"), Map.entry("SUBSTRING", "SUBSTRING"),
            Map.entry("||", "CONCAT"), Map.entry("CONCAT", "CONCAT"), Map.entry("REPLACE", "REPLACE"),
            Map.entry("INITCAP", "INITCAP"), Map.entry("ABS", "ABS"), Map.entry("SQRT", "SQRT"), Map.entry("LN", "LN"),
            Map.entry("LOG10", "LOG10"), Map.entry("EXP", "EXP"), Map.entry("SIGN", "SIGN"), Map.entry("ROUND", "ROUND"),
            Map.entry("POWER", "POWER"), Map.entry("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"),
            Map.entry("CURRENT_DATE", "CURRENT_DATE"), Map.entry("LOCALTIMESTAMP", "LOCALTIMESTAMP"),
            Map.entry("NOW", "CURRENT_TIMESTAMP"), Map.entry("DATE_FORMAT", "DATE_FORMAT"),
            Map.entry("CURRENT_WATERMARK", "CURRENT_WATERMARK"),
            // Flink's built-ins (see FlinkFunctions in the planner and the executor)
            Map.entry("IF", "CASE"), Map.entry("IFNULL", "COALESCE"), Map.entry("REGEXP_EXTRACT", "REGEXP_EXTRACT"),
            Map.entry("REGEXP_REPLACE", "REGEXP_REPLACE"), Map.entry("SPLIT_INDEX", "SPLIT_INDEX"),
            Map.entry("CONCAT_WS", "CONCAT_WS"), Map.entry("LPAD", "LPAD"), Map.entry("RPAD", "RPAD"),
            Map.entry("LEFT", "LEFT"), Map.entry("RIGHT", "RIGHT"), Map.entry("REPEAT", "REPEAT"),
            Map.entry("REVERSE", "REVERSE"), Map.entry("MD5", "MD5"), Map.entry("SHA256", "SHA256"),
            Map.entry("GREATEST", "GREATEST"), Map.entry("LEAST", "LEAST"), Map.entry("TRUNCATE", "TRUNCATE"),
            Map.entry("FROM_UNIXTIME", "FROM_UNIXTIME"), Map.entry("UNIX_TIMESTAMP", "UNIX_TIMESTAMP"),
            Map.entry("TO_TIMESTAMP", "TO_TIMESTAMP"), Map.entry("TO_DATE", "TO_DATE"),
            Map.entry("TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_LTZ"), Map.entry("LOCATE", "LOCATE"),
            Map.entry("PROCTIME", "PROCTIME"), Map.entry("CARDINALITY", "CARDINALITY"), Map.entry("ELEMENT", "ELEMENT"));

    private final RexBuilder rexBuilder;
    private final Map<String, io.weir.executor.plan.FunctionJar> functionJars = new java.util.LinkedHashMap<>();

    public ExprTranslator(RexBuilder rexBuilder) {
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
    }

    /** The jars of the user-defined functions translated so far, for the job graph. */
    public List<io.weir.executor.plan.FunctionJar> functionJars() {
        return List.copyOf(functionJars.values());
    }

    /** A call of a user-defined function, its operands cast to the chosen eval's parameter types. */
    private Expr userCall(io.weir.planner.function.UserFunctionOperator operator, List<Expr> operands, DataType type) {
        io.weir.planner.catalog.FunctionDefinition definition = operator.definition();
        var overload = io.weir.planner.function.UserFunctionOperator.resolve(definition,
                operands.stream().map(Expr::type).toList()).orElseThrow(() -> new WeirException(
                        ErrorCode.UNDEFINED_FUNCTION, "Function '" + definition.name() + "' has no eval for "
                                + operands.stream().map(Expr::type).toList()));
        List<Expr> cast = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Expr operand = operands.get(i);
            DataType parameter = overload.parameterTypes().get(i);
            boolean same = operand.type().kind() == parameter.kind() && (parameter.kind() != TypeKind.DECIMAL
                    || (operand.type().precision() == parameter.precision() && operand.type().scale() == parameter.scale()));
            cast.add(same ? operand : new Expr.Call("CAST", List.of(operand), parameter));
        }
        definition.jars().forEach(jar -> functionJars.putIfAbsent(jar.id(), jar));
        io.weir.executor.plan.UserFunction function = new io.weir.executor.plan.UserFunction(definition.name(),
                definition.className(), overload.parameterClasses(), overload.returnClass(),
                definition.jars().stream().map(io.weir.executor.plan.FunctionJar::id).toList());
        Expr call = new Expr.UserCall(function, cast, overload.returnType());
        return overload.returnType().kind() == type.kind() ? call : new Expr.Call("CAST", List.of(call), type);
    }

    public List<Expr> translate(List<RexNode> nodes) {
        List<Expr> result = new ArrayList<>(nodes.size());
        for (RexNode node : nodes) {
            result.add(translate(node));
        }
        return result;
    }

    public Expr translate(RexNode node) {
        DataType type = TypeConverter.toDataType(node.getType());
        if (node instanceof RexInputRef ref) {
            return new Expr.InputRef(ref.getIndex(), type);
        }
        if (node instanceof RexLiteral literal) {
            return new Expr.Literal(literalValue(literal, type), type);
        }
        if (node instanceof RexCall call) {
            return translateCall(call, type);
        }
        if (node instanceof RexFieldAccess access) {
            Expr index = new Expr.Literal(access.getField().getIndex(), DataType.of(TypeKind.INT).withNullable(false));
            return new Expr.Call("FIELD", List.of(translate(access.getReferenceExpr()), index), type);
        }
        throw unsupported(node.toString());
    }

    private Expr translateCall(RexCall call, DataType type) {
        if (call.getOperator() instanceof io.weir.planner.function.UserFunctionOperator udf) {
            return userCall(udf, translate(call.getOperands()), type);
        }
        SqlKind kind = call.getKind();
        if (kind == SqlKind.SEARCH) {
            return translate(RexUtil.expandSearch(rexBuilder, null, call));
        }
        if (kind == SqlKind.TRIM) {
            SqlTrimFunction.Flag flag = ((RexLiteral) call.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
            String name = "TRIM_" + requireNonNull(flag, "trim flag").name();
            return new Expr.Call(name, translate(call.getOperands().subList(1, call.getOperands().size())), type);
        }
        if (kind == SqlKind.EXTRACT) {
            TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
            Expr unitLiteral = new Expr.Literal(requireNonNull(unit, "extract unit").name(), DataType.of(TypeKind.STRING));
            return new Expr.Call("EXTRACT", List.of(unitLiteral, translate(call.getOperands().get(1))), type);
        }
        if ((kind == SqlKind.FLOOR || kind == SqlKind.CEIL) && call.getOperands().size() > 1) {
            // FLOOR(ts TO HOUR): the unit travels as a string literal, as EXTRACT's does
            TimeUnitRange unit = ((RexLiteral) call.getOperands().get(1)).getValueAs(TimeUnitRange.class);
            Expr unitLiteral = new Expr.Literal(requireNonNull(unit, "time unit").name(), DataType.of(TypeKind.STRING));
            return new Expr.Call(kind == SqlKind.FLOOR ? "FLOOR_TIME" : "CEIL_TIME",
                    List.of(unitLiteral, translate(call.getOperands().get(0))), type);
        }
        if (call.getOperator().getName().equalsIgnoreCase("JSON_VALUE")) {
            return jsonValue(call, type);
        }
        String name = BY_KIND.get(kind);
        if (name == null) {
            name = BY_NAME.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
        }
        if (name == null) {
            throw unsupported("the function " + call.getOperator().getName());
        }
        if (kind == SqlKind.LIKE && call.getOperator().getName().toUpperCase(Locale.ROOT).contains("NOT")) {
            name = "NOT LIKE";
        }
        return new Expr.Call(name, translate(call.getOperands()), type);
    }

    /**
     * JSON_VALUE(json, path [RETURNING type] [NULL | DEFAULT d ON EMPTY] [NULL | ERROR | DEFAULT d ON
     * ERROR]): the executor extracts the scalar as text ({@code JSON_VALUE}, NULL when absent, bad
     * JSON an error only with ERROR ON ERROR), which is then cast to the returned type, with the
     * defaults applied through COALESCE.
     */
    private Expr jsonValue(RexCall call, DataType type) {
        List<RexNode> operands = call.getOperands();
        RexNode json = operands.get(0);
        if (json instanceof RexCall wrapped && wrapped.getOperator().getName().equalsIgnoreCase("JSON_VALUE_EXPRESSION")) {
            json = wrapped.getOperands().get(0);
        }
        Expr onEmpty = null;
        Expr onError = null;
        boolean errorOnError = false;
        for (int i = 2; i < operands.size(); ) {
            Object behavior = ((RexLiteral) operands.get(i)).getValue();
            Expr fallback = null;
            i++;
            if ("DEFAULT".equals(String.valueOf(behavior))) {
                fallback = translate(operands.get(i));
                i++;
            }
            String target = i < operands.size() ? String.valueOf(((RexLiteral) operands.get(i)).getValue()) : "EMPTY";
            i++;
            if (target.equals("EMPTY")) {
                onEmpty = fallback;
            } else {
                onError = fallback;
                errorOnError = "ERROR".equals(String.valueOf(behavior));
            }
        }
        DataType text = DataType.of(TypeKind.STRING);
        Expr extracted = new Expr.Call("JSON_VALUE", List.of(translate(json), translate(operands.get(1)),
                new Expr.Literal(errorOnError, DataType.of(TypeKind.BOOLEAN).withNullable(false))), text);
        Expr typed = type.kind() == TypeKind.STRING ? extracted : new Expr.Call("CAST", List.of(extracted), type);
        Expr fallback = onEmpty != null ? onEmpty : onError;
        return fallback == null ? typed : new Expr.Call("COALESCE", List.of(typed, fallback), type);
    }

    /** The literal's value in the executor's Java value convention (see TypeKind). */
    static Object literalValue(RexLiteral literal, DataType type) {
        if (literal.isNull()) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case TINYINT -> literal.getValueAs(BigDecimal.class).byteValue();
            case SMALLINT -> literal.getValueAs(BigDecimal.class).shortValue();
            case INT -> literal.getValueAs(BigDecimal.class).intValue();
            case BIGINT -> literal.getValueAs(BigDecimal.class).longValue();
            case FLOAT -> literal.getValueAs(Double.class).floatValue();
            case DOUBLE -> literal.getValueAs(Double.class);
            case DECIMAL -> literal.getValueAs(BigDecimal.class);
            case CHAR, STRING -> {
                Object value = literal.getValue();
                yield value instanceof NlsString nls ? nls.getValue() : literal.getValueAs(String.class);
            }
            case BYTES -> literal.getValueAs(byte[].class);
            case DATE -> literal.getValueAs(DateString.class).getDaysSinceEpoch();
            case TIME -> literal.getValueAs(TimeString.class).getMillisOfDay();
            case TIMESTAMP, TIMESTAMP_LTZ -> literal.getValueAs(TimestampString.class).getMillisSinceEpoch();
            case INTERVAL_DAY_TIME -> literal.getValueAs(BigDecimal.class).longValue();
            case INTERVAL_YEAR_MONTH -> literal.getValueAs(BigDecimal.class).intValue();
            default -> throw unsupported("a literal of type " + type);
        };
    }

    private static WeirException unsupported(String what) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir cannot run " + what + " in a query yet");
    }
}
