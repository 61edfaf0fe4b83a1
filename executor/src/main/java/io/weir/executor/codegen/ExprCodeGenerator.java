package io.weir.executor.codegen;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.Expr;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Generates the Java source of a {@link CalcProgram}: one loop over the input rows that reads typed
 * Arrow vectors, evaluates the condition and each projection in its own method (with SQL NULL
 * semantics: every value is an {@code (isNull, value)} pair of locals), and writes kept rows into typed
 * output vectors. No per-row virtual calls beyond the vectors' own final accessors.
 *
 * <p>Operands that must not be evaluated unless needed (CASE branches, AND/OR after a decisive
 * operand, COALESCE) are generated inside the branch that needs them. Not thread-safe; one per class.
 */
final class ExprCodeGenerator {
    private static final String FN = "io.weir.executor.codegen.SqlFunctions.";

    private final RowType inputType;
    private final TreeSet<Integer> inputsUsed = new TreeSet<>();
    private final List<String> constants = new ArrayList<>();
    private int counter;

    /** A generated value: Java expressions (usually locals) for its null flag and its value. */
    private record Value(String isNull, String value, DataType type) {
    }

    ExprCodeGenerator(RowType inputType) {
        this.inputType = requireNonNull(inputType, "inputType is null");
    }

    String generateClass(List<Expr> projections, Expr condition, RowType outputType) {
        StringBuilder methods = new StringBuilder();
        if (condition != null) {
            StringBuilder body = new StringBuilder();
            Value value = generate(condition, body);
            methods.append("  private boolean condition(int r) {\n").append(body)
                    .append("    return !(").append(value.isNull()).append(") && ").append(value.value()).append(";\n  }\n");
        }
        for (int i = 0; i < projections.size(); i++) {
            methods.append("  private void project").append(i).append("(int r, int o) {\n")
                    .append(projection(i, projections.get(i), outputType.type(i))).append("  }\n");
        }
        StringBuilder source = new StringBuilder();
        source.append("package io.weir.executor.codegen;\n\n")
                .append("public final class GeneratedCalc implements io.weir.executor.codegen.CalcProgram {\n");
        for (String constant : constants) {
            source.append("  ").append(constant).append('\n');
        }
        source.append("  private long now;\n");
        for (int index : inputsUsed) {
            source.append("  private ").append(vectorClass(inputType.type(index))).append(" in").append(index).append(";\n");
        }
        for (int i = 0; i < projections.size(); i++) {
            source.append("  private ").append(vectorClass(outputType.type(i))).append(" out").append(i).append(";\n");
        }
        source.append("  public int evaluate(org.apache.arrow.vector.VectorSchemaRoot in, "
                + "org.apache.arrow.vector.VectorSchemaRoot out) {\n");
        source.append("    int n = in.getRowCount();\n    now = System.currentTimeMillis();\n");
        for (int index : inputsUsed) {
            source.append("    in").append(index).append(" = (").append(vectorClass(inputType.type(index)))
                    .append(") in.getVector(").append(index).append(");\n");
        }
        for (int i = 0; i < projections.size(); i++) {
            source.append("    out").append(i).append(" = (").append(vectorClass(outputType.type(i)))
                    .append(") out.getVector(").append(i).append(");\n");
        }
        source.append("    int o = 0;\n    for (int r = 0; r < n; r++) {\n");
        if (condition != null) {
            source.append("      if (!condition(r)) {\n        continue;\n      }\n");
        }
        for (int i = 0; i < projections.size(); i++) {
            source.append("      project").append(i).append("(r, o);\n");
        }
        source.append("      o++;\n    }\n    return o;\n  }\n").append(methods).append("}\n");
        return source.toString();
    }

    private String projection(int column, Expr expr, DataType outType) {
        String out = "out" + column;
        if (expr instanceof Expr.InputRef ref && sameLayout(ref.type(), outType)
                && sameLayout(inputType.type(ref.index()), outType) && outType.kind() != TypeKind.NULL) {
            inputsUsed.add(ref.index());
            return "    " + out + ".copyFromSafe(r, o, in" + ref.index() + ");\n";
        }
        StringBuilder body = new StringBuilder();
        Value value = generate(expr, body);
        if (outType.kind() == TypeKind.NULL) {
            return body.toString();
        }
        body.append("    if (").append(value.isNull()).append(") {\n      ").append(out).append(".setNull(o);\n")
                .append("    } else {\n      ").append(write(out, convert(value, outType), outType)).append("\n    }\n");
        return body.toString();
    }

    private static boolean sameLayout(DataType a, DataType b) {
        if (isNested(a.kind()) || isNested(b.kind())) {
            // nested vectors copy element by element: their element types must agree, not only their kinds
            return a.withNullable(true).equals(b.withNullable(true));
        }
        if (a.kind() == TypeKind.DECIMAL || b.kind() == TypeKind.DECIMAL) {
            return a.kind() == b.kind() && a.precision() == b.precision() && a.scale() == b.scale();
        }
        return vectorClass(a).equals(vectorClass(b)) && javaType(a).equals(javaType(b));
    }

    // ---- expressions

    private Value generate(Expr expr, StringBuilder code) {
        if (expr instanceof Expr.InputRef ref) {
            return inputRef(ref, code);
        } else if (expr instanceof Expr.Literal literal) {
            return literal(literal);
        } else if (expr instanceof Expr.UserCall userCall) {
            return userCall(userCall, code);
        }
        return call((Expr.Call) expr, code);
    }

    private Value inputRef(Expr.InputRef ref, StringBuilder code) {
        if (ref.index() < 0 || ref.index() >= inputType.size()) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: input column $" + ref.index()
                    + " does not exist in " + inputType);
        }
        DataType type = inputType.type(ref.index());
        if (type.kind() == TypeKind.NULL) {
            return new Value("true", defaultValue(type), type);
        }
        inputsUsed.add(ref.index());
        String vector = "in" + ref.index();
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = ").append(vector).append(".isNull(r);\n");
        code.append("    ").append(javaType(type)).append(' ').append(value).append(" = ").append(isNull).append(" ? ")
                .append(defaultValue(type)).append(" : ").append(read(vector, type)).append(";\n");
        return new Value(isNull, value, type);
    }

    private Value literal(Expr.Literal literal) {
        DataType type = literal.type();
        Object value = literal.value();
        if (value == null || type.kind() == TypeKind.NULL) {
            return new Value("true", defaultValue(type), type);
        }
        String code = switch (type.kind()) {
            case BOOLEAN -> String.valueOf(value);
            case TINYINT -> "(byte) " + ((Number) value).byteValue();
            case SMALLINT -> "(short) " + ((Number) value).shortValue();
            case INT, DATE, TIME, INTERVAL_YEAR_MONTH -> String.valueOf(((Number) value).intValue());
            case BIGINT, TIMESTAMP, TIMESTAMP_LTZ, INTERVAL_DAY_TIME -> ((Number) value).longValue() + "L";
            case FLOAT -> floatLiteral(((Number) value).floatValue());
            case DOUBLE -> doubleLiteral(((Number) value).doubleValue());
            case DECIMAL -> constant("java.math.BigDecimal", "new java.math.BigDecimal(\""
                    + new BigDecimal(value.toString()).toPlainString() + "\")");
            case CHAR, STRING -> javaString(value.toString());
            case BYTES -> constant("byte[]", FN + "stringToBytes(" + javaString(new String((byte[]) value,
                    java.nio.charset.StandardCharsets.ISO_8859_1)) + ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))");
            default -> throw unsupported("Literals of type " + type);
        };
        return new Value("false", code, type);
    }

    private Value call(Expr.Call call, StringBuilder code) {
        String op = call.operator().toUpperCase(Locale.ROOT);
        return switch (op) {
            case "+", "-", "*", "/", "MOD" -> arithmetic(call, op, code);
            case "NEGATE" -> negate(call, code);
            case "=", "<>", "<", "<=", ">", ">=" -> comparison(call, op, code);
            case "IS NULL", "IS NOT NULL", "IS TRUE", "IS FALSE", "IS NOT TRUE", "IS NOT FALSE" -> isTest(call, op, code);
            case "IS DISTINCT FROM", "IS NOT DISTINCT FROM" -> distinct(call, op, code);
            case "AND", "OR" -> logic(call, op.equals("AND"), code);
            case "NOT" -> strict(call, code, v -> "!" + v.get(0).value());
            case "CASE" -> caseWhen(call, code);
            case "COALESCE" -> coalesce(call, code);
            case "NULLIF" -> nullIf(call, code);
            case "CAST" -> strict(call, code, v -> cast(v.get(0), call.type()));
            case "LIKE", "NOT LIKE" -> like(call, op.equals("NOT LIKE"), code);
            case "UPPER", "LOWER", "INITCAP" -> strict(call, code,
                    v -> FN + op.toLowerCase(Locale.ROOT) + "(" + string(v.get(0)) + ")");
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> strict(call, code,
                    v -> convert(FN + "charLength(" + string(v.get(0)) + ")", DataType.of(TypeKind.INT), call.type()));
            case "TRIM_BOTH", "TRIM_LEADING", "TRIM_TRAILING" -> trim(call, op, code);
            case "SUBSTRING" -> strict(call, code, v -> FN + "substring(" + string(v.get(0)) + ", " + asLong(v.get(1))
                    + (v.size() > 2 ? ", " + asLong(v.get(2)) : "") + ")");
            case "CONCAT", "||" -> strict(call, code, v -> concat(v));
            case "REPLACE" -> strict(call, code, v -> FN + "replace(" + string(v.get(0)) + ", " + string(v.get(1)) + ", "
                    + string(v.get(2)) + ")");
            case "POSITION" -> strict(call, code, v -> convert(FN + "position(" + string(v.get(0)) + ", "
                    + string(v.get(1)) + ")", DataType.of(TypeKind.INT), call.type()));
            case "ABS", "FLOOR", "CEIL", "CEILING", "SIGN" -> unaryMath(call, op, code);
            case "SQRT", "LN", "LOG10", "EXP" -> strict(call, code, v -> convert(
                    (op.equals("EXP") ? "Math.exp(" : FN + op.toLowerCase(Locale.ROOT) + "(") + asDouble(v.get(0)) + ")",
                    DataType.of(TypeKind.DOUBLE), call.type()));
            case "POWER" -> strict(call, code, v -> convert("Math.pow(" + asDouble(v.get(0)) + ", " + asDouble(v.get(1))
                    + ")", DataType.of(TypeKind.DOUBLE), call.type()));
            case "ROUND" -> round(call, code);
            case "EXTRACT" -> extract(call, code);
            case "FLOOR_TIME", "CEIL_TIME" -> roundTime(call, op.equals("CEIL_TIME"), code);
            case "TO_TIMESTAMP_LTZ" -> toTimestampLtz(call, code);
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "NOW" -> new Value("false",
                    convert("now", DataType.of(TypeKind.TIMESTAMP), call.type()), call.type());
            case "CURRENT_DATE" -> new Value("false", FN + "currentDate(now)", call.type());
            case "PROCTIME" -> new Value("false", "now", call.type());
            case "CURRENT_WATERMARK" -> new Value("(io.weir.executor.codegen.CurrentWatermark.get() == Long.MIN_VALUE)",
                    "io.weir.executor.codegen.CurrentWatermark.get()", call.type());
            case "REGEXP_EXTRACT", "REGEXP_REPLACE", "SPLIT_INDEX", "CONCAT_WS", "LPAD", "RPAD", "LEFT", "RIGHT",
                    "REPEAT", "REVERSE", "MD5", "SHA256", "GREATEST", "LEAST", "TRUNCATE", "FROM_UNIXTIME",
                    "UNIX_TIMESTAMP", "TO_TIMESTAMP", "TO_DATE", "UUID", "DATE_FORMAT", "LOCATE", "JSON_VALUE"
                    -> flinkFunction(call, op, code);
            case "ITEM", "FIELD", "CARDINALITY", "ELEMENT", "ARRAY", "MAP", "ROW" -> nested(call, op, code);
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "The function " + call.operator() + " is not supported by the executor yet");
        };
    }

    /**
     * A call of {@link FlinkFunctions}: operands are passed boxed ({@code null} for NULL; strings as String,
     * integers as Long, or as the result type for GREATEST/LEAST/TRUNCATE), and a {@code null} result is NULL.
     */
    private Value flinkFunction(Expr.Call call, String op, StringBuilder code) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < call.operands().size(); i++) {
            Value operand = generate(call.operands().get(i), code);
            TypeKind kind = operand.type().kind();
            DataType target = op.equals("GREATEST") || op.equals("LEAST") || (op.equals("TRUNCATE") && i == 0)
                    ? call.type() : kind.isCharacter() || kind == TypeKind.NULL ? DataType.of(TypeKind.STRING)
                    : isIntegral(kind) ? DataType.of(TypeKind.BIGINT) : operand.type();
            String boxed = boxedType(target);
            String converted = isPrimitive(target) ? boxed + ".valueOf(" + convert(operand, target) + ")"
                    : convert(operand, target);
            args.add("(" + operand.isNull() + " ? (" + boxed + ") null : " + converted + ")");
        }
        String name = switch (op) {
            case "REGEXP_EXTRACT" -> "regexpExtract";
            case "REGEXP_REPLACE" -> "regexpReplace";
            case "SPLIT_INDEX" -> "splitIndex";
            case "CONCAT_WS" -> "concatWs";
            case "FROM_UNIXTIME" -> "fromUnixtime";
            case "UNIX_TIMESTAMP" -> "unixTimestamp";
            case "TO_TIMESTAMP" -> "toTimestamp";
            case "TO_DATE" -> "toDate";
            case "DATE_FORMAT" -> "dateFormat";
            case "JSON_VALUE" -> "jsonValue";
            default -> op.toLowerCase(Locale.ROOT);
        };
        String result;
        if (op.equals("UUID")) {
            result = "java.util.UUID.randomUUID().toString()";
        } else if (op.equals("UNIX_TIMESTAMP") && args.isEmpty()) {
            result = "Long.valueOf(now / 1000L)";
        } else if (op.equals("GREATEST") || op.equals("LEAST") || op.equals("CONCAT_WS")) {
            String first = op.equals("CONCAT_WS") ? args.remove(0) + ", " : "";
            String arrayType = op.equals("CONCAT_WS") ? "String" : "Object";
            result = "io.weir.executor.codegen.FlinkFunctions." + name + "(" + first + "new " + arrayType + "[] {"
                    + String.join(", ", args) + "})";
        } else {
            result = "io.weir.executor.codegen.FlinkFunctions." + name + "(" + String.join(", ", args) + ")";
        }
        return unboxedResult(result, call.type(), code);
    }

    /** The value of a Java expression that returns a boxed value of {@code type} or {@code null} for NULL. */
    private Value unboxedResult(String result, DataType type, StringBuilder code) {
        String boxedResult = local();
        String isNull = local();
        String value = local();
        String unboxed = isPrimitive(type) ? "((" + boxedType(type) + ") " + boxedResult + ")." + javaType(type) + "Value()"
                : "((" + javaType(type) + ") " + boxedResult + ")";
        code.append("    Object ").append(boxedResult).append(" = ").append(result).append(";\n");
        code.append("    boolean ").append(isNull).append(" = ").append(boxedResult).append(" == null;\n");
        code.append("    ").append(javaType(type)).append(' ').append(value).append(" = ").append(isNull).append(" ? ")
                .append(defaultValue(type)).append(" : ").append(unboxed).append(";\n");
        return new Value(isNull, value, type);
    }

    /**
     * A call of a user-defined function's {@code eval} on an instance the program holds (one per subtask,
     * as Flink keeps one per task). The planner gave each operand the SQL type of its parameter.
     */
    private Value userCall(Expr.UserCall call, StringBuilder code) {
        String className = sourceClassName(call.function().className());
        String instance = "U" + constants.size();
        constants.add("private final " + className + " " + instance + " = new " + className + "();");
        List<String> args = new ArrayList<>();
        StringBuilder skip = new StringBuilder("false");
        for (int i = 0; i < call.operands().size(); i++) {
            Value operand = generate(call.operands().get(i), code);
            String parameter = call.function().parameterClasses().get(i);
            if (PRIMITIVES.contains(parameter)) {
                skip.append(" || ").append(operand.isNull());
                args.add(operand.value());
            } else {
                args.add("(" + operand.isNull() + " ? null : " + toJava(operand.value(), parameter) + ")");
            }
        }
        DataType type = call.type();
        String returned = sourceClassName(call.function().returnClass());
        String isNull = local();
        String value = local();
        String result = local();
        code.append("    boolean ").append(isNull).append(" = ").append(skip).append(";\n");
        code.append("    ").append(javaType(type)).append(' ').append(value).append(" = ").append(defaultValue(type))
                .append(";\n    if (!").append(isNull).append(") {\n      ").append(returned).append(' ').append(result)
                .append(";\n      try {\n        ").append(result).append(" = ").append(instance).append(".eval(")
                .append(String.join(", ", args)).append(");\n      } catch (Throwable e) {\n        throw ")
                .append("io.weir.executor.codegen.UserFunctions.failed(").append(javaString(call.function().name()))
                .append(", e);\n      }\n");
        if (PRIMITIVES.contains(call.function().returnClass())) {
            code.append("      ").append(value).append(" = ").append(result).append(";\n");
        } else {
            code.append("      ").append(isNull).append(" = ").append(result).append(" == null;\n      if (!")
                    .append(isNull).append(") {\n        ").append(value).append(" = ")
                    .append(fromJava(result, call.function().returnClass())).append(";\n      }\n");
        }
        code.append("    }\n");
        return new Value(isNull, value, type);
    }

    private static final java.util.Set<String> PRIMITIVES = java.util.Set.of("boolean", "byte", "short", "int", "long",
            "float", "double");

    /** A class name as Java source spells it: nested classes with dots, byte arrays as {@code byte[]}. */
    private static String sourceClassName(String name) {
        return name.equals("[B") ? "byte[]" : name.replace('$', '.');
    }

    private static String toJava(String value, String parameterClass) {
        return switch (parameterClass) {
            case "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
                    "java.lang.Float", "java.lang.Double" -> parameterClass + ".valueOf(" + value + ")";
            case "java.time.LocalDateTime" -> "io.weir.executor.codegen.UserFunctions.toLocalDateTime(" + value + ")";
            case "java.time.Instant" -> "io.weir.executor.codegen.UserFunctions.toInstant(" + value + ")";
            case "java.time.LocalDate" -> "io.weir.executor.codegen.UserFunctions.toLocalDate(" + value + ")";
            case "java.time.LocalTime" -> "io.weir.executor.codegen.UserFunctions.toLocalTime(" + value + ")";
            default -> value;
        };
    }

    private static String fromJava(String result, String returnClass) {
        return switch (returnClass) {
            case "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
                    "java.lang.Float", "java.lang.Double" -> result + "." + unboxedName(returnClass) + "Value()";
            case "java.time.LocalDateTime" -> "io.weir.executor.codegen.UserFunctions.fromLocalDateTime(" + result + ")";
            case "java.time.Instant" -> "io.weir.executor.codegen.UserFunctions.fromInstant(" + result + ")";
            case "java.time.LocalDate" -> "io.weir.executor.codegen.UserFunctions.fromLocalDate(" + result + ")";
            case "java.time.LocalTime" -> "io.weir.executor.codegen.UserFunctions.fromLocalTime(" + result + ")";
            default -> result;
        };
    }

    private static String unboxedName(String boxedClass) {
        return switch (boxedClass) {
            case "java.lang.Integer" -> "int";
            default -> boxedClass.substring("java.lang.".length()).toLowerCase(Locale.ROOT);
        };
    }

    /**
     * ARRAY, MAP and ROW values ({@link NestedFunctions}): {@code ITEM} (array[index], map[key]),
     * {@code FIELD} (row, INT literal index), {@code CARDINALITY}, {@code ELEMENT} are NULL when an operand
     * is; the constructors {@code ARRAY}, {@code MAP} (k1, v1, ...), {@code ROW} keep NULL operands as
     * NULL elements, each converted to the element's (key's, value's, field's) type.
     */
    private Value nested(Expr.Call call, String op, StringBuilder code) {
        List<Value> operands = new ArrayList<>();
        for (Expr operand : call.operands()) {
            operands.add(generate(operand, code));
        }
        DataType type = call.type();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            DataType target = switch (op) {
                case "ARRAY" -> type.children().get(0).type();
                case "MAP" -> type.children().get(i % 2).type();
                case "ROW" -> type.children().get(i).type();
                default -> operands.get(i).type();
            };
            args.add(boxed(operands.get(i), target));
        }
        if (op.equals("FIELD")) {
            // the field index is an INT literal, passed as a plain int
            args.set(1, operands.get(1).value());
        }
        String result = switch (op) {
            case "ARRAY", "ROW" -> "io.weir.executor.codegen.NestedFunctions.list(new Object[] {" + String.join(", ", args) + "})";
            case "MAP" -> "io.weir.executor.codegen.NestedFunctions.map(new Object[] {" + String.join(", ", args) + "})";
            default -> {
                StringBuilder anyNull = new StringBuilder("false");
                for (Value operand : operands) {
                    anyNull.append(" || ").append(operand.isNull());
                }
                yield "(" + anyNull + ") ? null : io.weir.executor.codegen.NestedFunctions." + op.toLowerCase(Locale.ROOT)
                        + "(" + String.join(", ", args) + ")";
            }
        };
        return unboxedResult(result, type, code);
    }

    /** {@code value} converted to {@code target}'s representation and boxed, {@code null} when NULL. */
    private String boxed(Value value, DataType target) {
        if (value.type().kind() == TypeKind.NULL) {
            return "null";
        }
        String boxed = boxedType(target);
        String converted = isPrimitive(target) ? boxed + ".valueOf(" + convert(value, target) + ")"
                : "(" + boxed + ") " + convert(value, target);
        return "(" + value.isNull() + " ? (" + boxed + ") null : " + converted + ")";
    }

    private static String boxedType(DataType type) {
        return switch (javaType(type)) {
            case "boolean" -> "Boolean";
            case "byte" -> "Byte";
            case "short" -> "Short";
            case "int" -> "Integer";
            case "long" -> "Long";
            case "float" -> "Float";
            case "double" -> "Double";
            default -> javaType(type);
        };
    }

    /** A NULL-in-NULL-out call: evaluates every operand, then {@code body} over their values when none is null. */
    private Value strict(Expr.Call call, StringBuilder code, java.util.function.Function<List<Value>, String> body) {
        List<Value> operands = new ArrayList<>();
        for (Expr operand : call.operands()) {
            operands.add(generate(operand, code));
        }
        StringBuilder anyNull = new StringBuilder("false");
        for (Value operand : operands) {
            anyNull.append(" || ").append(operand.isNull());
        }
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = ").append(anyNull).append(";\n");
        code.append("    ").append(javaType(call.type())).append(' ').append(value).append(" = ")
                .append(defaultValue(call.type())).append(";\n");
        code.append("    if (!").append(isNull).append(") {\n      ").append(value).append(" = ").append(body.apply(operands))
                .append(";\n    }\n");
        if (!isPrimitive(call.type())) {
            // object-valued functions may return null (e.g. NULLIF-like behaviour of casts of empty values)
            code.append("    ").append(isNull).append(" = ").append(isNull).append(" || ").append(value).append(" == null;\n");
        }
        return new Value(isNull, value, call.type());
    }

    private Value arithmetic(Expr.Call call, String op, StringBuilder code) {
        DataType result = call.type();
        return strict(call, code, v -> {
            Value a = v.get(0);
            Value b = v.get(1);
            TypeKind kind = result.kind();
            boolean plusMinus = op.equals("+") || op.equals("-");
            if ((isTimestamp(kind) || kind == TypeKind.DATE) && plusMinus) {
                return dateTimePlus(kind, op, a, b);
            }
            if (kind == TypeKind.INTERVAL_YEAR_MONTH && op.equals("-")
                    && (isTimestamp(a.type().kind()) || a.type().kind() == TypeKind.DATE)) {
                // t1 - t2 in whole calendar months (TIMESTAMPDIFF(MONTH, t2, t1))
                return FN + "monthsBetween(" + asMillis(b) + ", " + asMillis(a) + ")";
            }
            if (kind == TypeKind.INTERVAL_YEAR_MONTH) {
                // months: n * interval, interval ± interval
                return "(int) (" + asLong(a) + " " + (op.equals("MOD") ? "%" : op) + " " + asLong(b) + ")";
            }
            if (kind == TypeKind.INTERVAL_DAY_TIME) {
                // intervals are millis: t1 - t2, n * interval and interval / n are long arithmetic
                String x = a.type().kind() == TypeKind.DATE || b.type().kind() == TypeKind.DATE ? asMillis(a) : asLong(a);
                String y = a.type().kind() == TypeKind.DATE || b.type().kind() == TypeKind.DATE ? asMillis(b) : asLong(b);
                return switch (op) {
                    case "/" -> FN + "divide(" + x + ", " + y + ")";
                    case "MOD" -> FN + "mod(" + x + ", " + y + ")";
                    default -> "(" + x + " " + op + " " + y + ")";
                };
            }
            if (kind == TypeKind.DECIMAL) {
                String x = asDecimal(a);
                String y = asDecimal(b);
                String raw = switch (op) {
                    case "+" -> x + ".add(" + y + ")";
                    case "-" -> x + ".subtract(" + y + ")";
                    case "*" -> x + ".multiply(" + y + ")";
                    case "/" -> FN + "divide(" + x + ", " + y + ", " + result.scale() + ")";
                    default -> FN + "mod(" + x + ", " + y + ")";
                };
                return FN + "rescale(" + raw + ", " + result.precision() + ", " + result.scale() + ")";
            } else if (isIntegral(kind)) {
                String x = asLong(a);
                String y = asLong(b);
                String raw = switch (op) {
                    case "/" -> FN + "divide(" + x + ", " + y + ")";
                    case "MOD" -> FN + "mod(" + x + ", " + y + ")";
                    default -> "(" + x + " " + op + " " + y + ")";
                };
                return "(" + javaType(result) + ") " + raw;
            } else if (kind == TypeKind.FLOAT || kind == TypeKind.DOUBLE) {
                String x = asDouble(a);
                String y = asDouble(b);
                String raw = switch (op) {
                    case "/" -> FN + "divide(" + x + ", " + y + ")";
                    case "MOD" -> FN + "mod(" + x + ", " + y + ")";
                    default -> "(" + x + " " + op + " " + y + ")";
                };
                return "(" + javaType(result) + ") " + raw;
            }
            throw unsupported("Arithmetic " + op + " with result type " + result);
        });
    }

    /**
     * TIMESTAMP or DATE ± an interval (either operand order for +): timestamps are epoch millis, dates
     * epoch days, day-time intervals millis and year-month intervals months (added as calendar months).
     */
    private static String dateTimePlus(TypeKind result, String op, Value a, Value b) {
        boolean intervalFirst = a.type().kind() == TypeKind.INTERVAL_DAY_TIME
                || a.type().kind() == TypeKind.INTERVAL_YEAR_MONTH;
        Value time = intervalFirst ? b : a;
        Value interval = intervalFirst ? a : b;
        String sign = op.equals("-") ? "-" : "";
        boolean months = interval.type().kind() == TypeKind.INTERVAL_YEAR_MONTH;
        if (result == TypeKind.DATE) {
            String days = time.type().kind() == TypeKind.DATE ? time.value() : "(int) Math.floorDiv(" + asLong(time) + ", 86400000L)";
            return months ? FN + "addMonthsToDate(" + days + ", " + sign + asLong(interval) + ")"
                    : "(int) (" + days + " " + op + " Math.floorDiv(" + asLong(interval) + ", 86400000L))";
        }
        String millis = asMillis(time);
        return months ? FN + "addMonths(" + millis + ", " + sign + asLong(interval) + ")"
                : "(" + millis + " " + op + " " + asLong(interval) + ")";
    }

    private Value negate(Expr.Call call, StringBuilder code) {
        DataType result = call.type();
        return strict(call, code, v -> {
            Value a = v.get(0);
            if (result.kind() == TypeKind.DECIMAL) {
                return FN + "rescale(" + asDecimal(a) + ".negate(), " + result.precision() + ", " + result.scale() + ")";
            } else if (isIntegral(result.kind())) {
                return "(" + javaType(result) + ") (-" + asLong(a) + ")";
            }
            return "(" + javaType(result) + ") (-" + asDouble(a) + ")";
        });
    }

    private Value comparison(Expr.Call call, String op, StringBuilder code) {
        return strict(call, code, v -> compare(v.get(0), v.get(1), op));
    }

    /** A Java boolean expression comparing two non-null values. */
    private String compare(Value a, Value b, String op) {
        TypeKind x = a.type().kind();
        TypeKind y = b.type().kind();
        String javaOp = op.equals("=") ? "==" : op.equals("<>") ? "!=" : op;
        if (x.isCharacter() && y.isCharacter()) {
            return op.equals("=") ? a.value() + ".equals(" + b.value() + ")"
                    : "(" + a.value() + ".compareTo(" + b.value() + ") " + javaOp + " 0)";
        }
        if (x.isCharacter() != y.isCharacter()) {
            // a string compared with another type: read the string as that type (Flink's implicit cast)
            Value converted = x.isCharacter() ? new Value(a.isNull(), convert(a, b.type()), b.type())
                    : new Value(b.isNull(), convert(b, a.type()), a.type());
            return x.isCharacter() ? compare(converted, b, op) : compare(a, converted, op);
        }
        if (x == TypeKind.BOOLEAN && y == TypeKind.BOOLEAN) {
            return "(Boolean.compare(" + a.value() + ", " + b.value() + ") " + javaOp + " 0)";
        }
        if (x == TypeKind.BYTES && y == TypeKind.BYTES) {
            return "(java.util.Arrays.compareUnsigned(" + a.value() + ", " + b.value() + ") " + javaOp + " 0)";
        }
        if (x == TypeKind.DECIMAL || y == TypeKind.DECIMAL) {
            if (isApproximate(x) || isApproximate(y)) {
                return "(" + asDouble(a) + " " + javaOp + " " + asDouble(b) + ")";
            }
            return "(" + asDecimal(a) + ".compareTo(" + asDecimal(b) + ") " + javaOp + " 0)";
        }
        if (isApproximate(x) || isApproximate(y)) {
            return "(" + asDouble(a) + " " + javaOp + " " + asDouble(b) + ")";
        }
        if (isTimestamp(x) && y == TypeKind.DATE || x == TypeKind.DATE && isTimestamp(y)) {
            return "(" + asMillis(a) + " " + javaOp + " " + asMillis(b) + ")";
        }
        if (isLongLike(x) && isLongLike(y)) {
            return "(" + asLong(a) + " " + javaOp + " " + asLong(b) + ")";
        }
        throw unsupported("Comparing " + a.type() + " with " + b.type());
    }

    private Value isTest(Expr.Call call, String op, StringBuilder code) {
        Value a = generate(call.operands().get(0), code);
        String n = a.isNull();
        String v = a.value();
        String test = switch (op) {
            case "IS NULL" -> n;
            case "IS NOT NULL" -> "!" + n;
            case "IS TRUE" -> "(!" + n + " && " + v + ")";
            case "IS FALSE" -> "(!" + n + " && !" + v + ")";
            case "IS NOT TRUE" -> "(" + n + " || !" + v + ")";
            default -> "(" + n + " || " + v + ")";
        };
        String value = local();
        code.append("    boolean ").append(value).append(" = ").append(test).append(";\n");
        return new Value("false", value, call.type());
    }

    private Value distinct(Expr.Call call, String op, StringBuilder code) {
        Value a = generate(call.operands().get(0), code);
        Value b = generate(call.operands().get(1), code);
        String value = local();
        code.append("    boolean ").append(value).append(" = (").append(a.isNull()).append(" && ").append(b.isNull())
                .append(") ? false : (").append(a.isNull()).append(" || ").append(b.isNull()).append(") ? true : !")
                .append(compare(a, b, "=")).append(";\n");
        if (op.equals("IS NOT DISTINCT FROM")) {
            code.append("    ").append(value).append(" = !").append(value).append(";\n");
        }
        return new Value("false", value, call.type());
    }

    /** Three-valued AND/OR that stops at the first decisive operand (FALSE for AND, TRUE for OR). */
    private Value logic(Expr.Call call, boolean and, StringBuilder code) {
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = false;\n");
        code.append("    boolean ").append(value).append(" = ").append(and).append(";\n");
        code.append("    do {\n");
        for (Expr operand : call.operands()) {
            Value v = generate(operand, code);
            code.append("    if (!").append(v.isNull()).append(" && ").append(and ? "!" : "").append(v.value()).append(") {\n")
                    .append("      ").append(value).append(" = ").append(!and).append(";\n      break;\n    }\n");
            code.append("    if (").append(v.isNull()).append(") {\n      ").append(isNull).append(" = true;\n    }\n");
        }
        code.append("    } while (false);\n");
        code.append("    if (").append(and ? "!" : "").append(value).append(") {\n      ").append(isNull)
                .append(" = false;\n    }\n");
        return new Value(isNull, value, call.type());
    }

    private Value caseWhen(Expr.Call call, StringBuilder code) {
        DataType type = call.type();
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = true;\n");
        code.append("    ").append(javaType(type)).append(' ').append(value).append(" = ").append(defaultValue(type)).append(";\n");
        List<Expr> operands = call.operands();
        int closing = 0;
        int i = 0;
        for (; i + 1 < operands.size(); i += 2) {
            Value when = generate(operands.get(i), code);
            code.append("    if (!").append(when.isNull()).append(" && ").append(when.value()).append(") {\n");
            assign(operands.get(i + 1), type, isNull, value, code);
            code.append("    } else {\n");
            closing++;
        }
        if (i < operands.size()) {
            assign(operands.get(i), type, isNull, value, code);
        }
        code.append("    }\n".repeat(closing));
        return new Value(isNull, value, type);
    }

    private void assign(Expr expr, DataType type, String isNull, String value, StringBuilder code) {
        Value v = generate(expr, code);
        code.append("    ").append(isNull).append(" = ").append(v.isNull()).append(";\n");
        if (v.type().kind() != TypeKind.NULL && !v.isNull().equals("true")) {
            code.append("    if (!").append(isNull).append(") {\n      ").append(value).append(" = ")
                    .append(convert(v, type)).append(";\n    }\n");
        }
    }

    private Value coalesce(Expr.Call call, StringBuilder code) {
        DataType type = call.type();
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = true;\n");
        code.append("    ").append(javaType(type)).append(' ').append(value).append(" = ").append(defaultValue(type)).append(";\n");
        int closing = 0;
        for (Expr operand : call.operands()) {
            assign(operand, type, isNull, value, code);
            code.append("    if (").append(isNull).append(") {\n");
            closing++;
        }
        code.append("    }\n".repeat(closing));
        return new Value(isNull, value, type);
    }

    private Value nullIf(Expr.Call call, StringBuilder code) {
        DataType type = call.type();
        Value a = generate(call.operands().get(0), code);
        Value b = generate(call.operands().get(1), code);
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = ").append(a.isNull()).append(";\n");
        code.append("    ").append(javaType(type)).append(' ').append(value).append(" = ").append(defaultValue(type)).append(";\n");
        code.append("    if (!").append(isNull).append(") {\n      ").append(value).append(" = ").append(convert(a, type))
                .append(";\n      if (!").append(b.isNull()).append(" && ").append(compare(a, b, "=")).append(") {\n        ")
                .append(isNull).append(" = true;\n      }\n    }\n");
        return new Value(isNull, value, type);
    }

    private Value like(Expr.Call call, boolean negated, StringBuilder code) {
        List<Expr> operands = call.operands();
        Expr pattern = operands.get(1);
        Expr escape = operands.size() > 2 ? operands.get(2) : null;
        boolean constantPattern = pattern instanceof Expr.Literal p && p.value() != null
                && (escape == null || escape instanceof Expr.Literal e && e.value() != null);
        String not = negated ? "!" : "";
        if (constantPattern) {
            String escapeCode = escape == null ? "null" : javaString(((Expr.Literal) escape).value().toString());
            String compiled = constant("java.util.regex.Pattern", FN + "likePattern("
                    + javaString(((Expr.Literal) pattern).value().toString()) + ", " + escapeCode + ")");
            return strict(call, code, v -> not + compiled + ".matcher(" + string(v.get(0)) + ").matches()");
        }
        return strict(call, code, v -> not + FN + "like(" + string(v.get(0)) + ", " + string(v.get(1)) + ", "
                + (v.size() > 2 ? string(v.get(2)) : "null") + ").booleanValue()");
    }

    private Value trim(Expr.Call call, String op, StringBuilder code) {
        boolean leading = !op.equals("TRIM_TRAILING");
        boolean trailing = !op.equals("TRIM_LEADING");
        return strict(call, code, v -> v.size() == 1
                ? FN + "trim(" + string(v.get(0)) + ", \" \", " + leading + ", " + trailing + ")"
                : FN + "trim(" + string(v.get(1)) + ", " + string(v.get(0)) + ", " + leading + ", " + trailing + ")");
    }

    private String concat(List<Value> values) {
        StringBuilder text = new StringBuilder("new StringBuilder()");
        for (Value value : values) {
            text.append(".append(").append(string(value)).append(')');
        }
        return text.append(".toString()").toString();
    }

    private Value unaryMath(Expr.Call call, String op, StringBuilder code) {
        DataType result = call.type();
        return strict(call, code, v -> {
            Value a = v.get(0);
            TypeKind kind = a.type().kind();
            if (kind == TypeKind.DECIMAL) {
                String raw = switch (op) {
                    case "ABS" -> FN + "abs(" + a.value() + ")";
                    case "FLOOR" -> FN + "floor(" + a.value() + ")";
                    case "CEIL", "CEILING" -> FN + "ceil(" + a.value() + ")";
                    default -> FN + "sign(" + a.value() + ")";
                };
                return convert(raw, DataType.decimal(38, a.type().scale()), result);
            } else if (isIntegral(kind)) {
                String raw = switch (op) {
                    case "ABS" -> "Math.abs(" + asLong(a) + ")";
                    case "SIGN" -> "((long) Long.signum(" + asLong(a) + "))";
                    default -> asLong(a);
                };
                return convert(raw, DataType.of(TypeKind.BIGINT), result);
            }
            String raw = switch (op) {
                case "ABS" -> "Math.abs(" + asDouble(a) + ")";
                case "FLOOR" -> "Math.floor(" + asDouble(a) + ")";
                case "CEIL", "CEILING" -> "Math.ceil(" + asDouble(a) + ")";
                default -> "Math.signum(" + asDouble(a) + ")";
            };
            return convert(raw, DataType.of(TypeKind.DOUBLE), result);
        });
    }

    private Value round(Expr.Call call, StringBuilder code) {
        DataType result = call.type();
        return strict(call, code, v -> {
            Value a = v.get(0);
            String digits = v.size() > 1 ? "(int) " + asLong(v.get(1)) : "0";
            TypeKind kind = a.type().kind();
            if (kind == TypeKind.DECIMAL) {
                return convert(FN + "round(" + a.value() + ", " + digits + ")", DataType.decimal(38, 0), result);
            } else if (isIntegral(kind)) {
                return convert(FN + "round(" + asLong(a) + ", " + digits + ")", DataType.of(TypeKind.BIGINT), result);
            }
            return convert(FN + "round(" + asDouble(a) + ", " + digits + ")", DataType.of(TypeKind.DOUBLE), result);
        });
    }

    private Value extract(Expr.Call call, StringBuilder code) {
        Expr unit = call.operands().get(0);
        if (!(unit instanceof Expr.Literal literal) || literal.value() == null) {
            throw unsupported("EXTRACT with a unit that is not a constant");
        }
        int unitCode = SqlFunctions.extractUnit(literal.value().toString());
        Value time = generate(call.operands().get(1), code);
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = ").append(time.isNull()).append(";\n");
        code.append("    ").append(javaType(call.type())).append(' ').append(value).append(" = ")
                .append(defaultValue(call.type())).append(";\n");
        code.append("    if (!").append(isNull).append(") {\n      ").append(value).append(" = ")
                .append(convert(FN + "extract(" + unitCode + ", " + asMillis(time) + ")", DataType.of(TypeKind.BIGINT),
                        call.type())).append(";\n    }\n");
        return new Value(isNull, value, call.type());
    }

    /** FLOOR(t TO unit) / CEIL(t TO unit) of a TIMESTAMP, TIMESTAMP_LTZ or DATE, computed on epoch millis. */
    private Value roundTime(Expr.Call call, boolean ceil, StringBuilder code) {
        Expr unit = call.operands().get(0);
        if (!(unit instanceof Expr.Literal literal) || literal.value() == null) {
            throw unsupported((ceil ? "CEIL" : "FLOOR") + " with a unit that is not a constant");
        }
        int unitCode = SqlFunctions.timeUnit(literal.value().toString());
        Value time = generate(call.operands().get(1), code);
        String millis = FN + (ceil ? "ceilTime(" : "floorTime(") + unitCode + ", " + asMillis(time) + ")";
        String result = call.type().kind() == TypeKind.DATE ? "(int) Math.floorDiv(" + millis + ", 86400000L)" : millis;
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = ").append(time.isNull()).append(";\n");
        code.append("    ").append(javaType(call.type())).append(' ').append(value).append(" = ")
                .append(defaultValue(call.type())).append(";\n");
        code.append("    if (!").append(isNull).append(") {\n      ").append(value).append(" = ").append(result)
                .append(";\n    }\n");
        return new Value(isNull, value, call.type());
    }

    /** TO_TIMESTAMP_LTZ(epoch, precision): precision 0 reads seconds, 3 milliseconds (Flink allows no other). */
    private Value toTimestampLtz(Expr.Call call, StringBuilder code) {
        Expr precision = call.operands().get(1);
        if (!(precision instanceof Expr.Literal literal) || !(literal.value() instanceof Number number)
                || (number.intValue() != 0 && number.intValue() != 3)) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "TO_TIMESTAMP_LTZ takes a constant precision of 0 (epoch seconds) or 3 (epoch milliseconds)");
        }
        long factor = number.intValue() == 0 ? 1000L : 1L;
        Value epoch = generate(call.operands().get(0), code);
        String isNull = local();
        String value = local();
        code.append("    boolean ").append(isNull).append(" = ").append(epoch.isNull()).append(";\n");
        code.append("    long ").append(value).append(" = 0L;\n");
        code.append("    if (!").append(isNull).append(") {\n      ").append(value).append(" = ")
                .append(asLong(epoch)).append(" * ").append(factor).append("L;\n    }\n");
        return new Value(isNull, value, call.type());
    }

    // ---- conversions between Java representations

    private String cast(Value value, DataType to) {
        String converted = convert(value, to);
        if (to.kind().isCharacter() && to.precision() >= 0) {
            return FN + "truncate(" + converted + ", " + to.precision() + ")";
        }
        return converted;
    }

    private String convert(Value value, DataType to) {
        return convert(value.value(), value.type(), to);
    }

    /** A Java expression converting the non-null value {@code v} of type {@code from} to {@code to}'s representation. */
    static String convert(String v, DataType from, DataType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == TypeKind.NULL) {
            return defaultValue(to);
        }
        if (f == t && t != TypeKind.DECIMAL) {
            return v;
        }
        String typeName = to.withNullable(true).toString();
        switch (t) {
            case BOOLEAN:
                if (isLongLike(f) || isApproximate(f)) {
                    return "(" + v + " != 0)";
                } else if (f == TypeKind.DECIMAL) {
                    return "(" + v + ".signum() != 0)";
                } else if (f.isCharacter()) {
                    return FN + "parseBoolean(" + v + ")";
                }
                break;
            case TINYINT, SMALLINT, INT, BIGINT:
                if (f.isCharacter()) {
                    return switch (t) {
                        case TINYINT -> FN + "parseByte(" + v + ")";
                        case SMALLINT -> FN + "parseShort(" + v + ")";
                        case INT -> FN + "parseInt(" + v + ", \"INT\")";
                        default -> FN + "parseLong(" + v + ", \"BIGINT\")";
                    };
                } else if (f == TypeKind.DECIMAL) {
                    return "(" + javaType(to) + ") " + v + ".longValue()";
                } else if (f == TypeKind.BOOLEAN) {
                    return "(" + javaType(to) + ") (" + v + " ? 1 : 0)";
                } else if (isLongLike(f) || isApproximate(f)) {
                    return "(" + javaType(to) + ") (" + v + ")";
                } else if (f == TypeKind.INTERVAL_DAY_TIME || f == TypeKind.INTERVAL_YEAR_MONTH) {
                    // Calcite's REINTERPRET of an interval (TIMESTAMPDIFF): its millis or months as a number
                    return "(" + javaType(to) + ") (" + v + ")";
                }
                break;
            case FLOAT, DOUBLE:
                if (f.isCharacter()) {
                    return "(" + javaType(to) + ") " + FN + "parseDouble(" + v + ", \"" + typeName + "\")";
                } else if (f == TypeKind.DECIMAL) {
                    return "(" + javaType(to) + ") " + v + ".doubleValue()";
                } else if (f == TypeKind.BOOLEAN) {
                    return "(" + javaType(to) + ") (" + v + " ? 1 : 0)";
                } else if (isLongLike(f) || isApproximate(f)) {
                    return "(" + javaType(to) + ") (" + v + ")";
                }
                break;
            case DECIMAL:
                String scale = ", " + to.precision() + ", " + to.scale() + ")";
                if (f == TypeKind.DECIMAL) {
                    return from.scale() == to.scale() && from.precision() <= to.precision() ? v
                            : FN + "rescale(" + v + scale;
                } else if (f.isCharacter()) {
                    return FN + "parseDecimal(" + v + scale;
                } else if (isLongLike(f)) {
                    return FN + "rescale(" + FN + "toDecimal((long) (" + v + "))" + scale;
                } else if (isApproximate(f)) {
                    return FN + "rescale(" + FN + "toDecimal((double) (" + v + "))" + scale;
                } else if (f == TypeKind.BOOLEAN) {
                    return FN + "rescale(" + FN + "toDecimal(" + v + " ? 1L : 0L)" + scale;
                }
                break;
            case CHAR, STRING:
                return switch (f) {
                    case CHAR, STRING -> v;
                    case BOOLEAN -> FN + "booleanToString(" + v + ")";
                    case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE -> "String.valueOf(" + v + ")";
                    case DECIMAL -> FN + "decimalToString(" + v + ")";
                    case DATE -> FN + "dateToString(" + v + ")";
                    case TIME -> FN + "timeToString(" + v + ")";
                    case TIMESTAMP, TIMESTAMP_LTZ -> FN + "timestampToString(" + v + ")";
                    case BYTES -> FN + "bytesToString(" + v + ")";
                    default -> throw cannotCast(from, to);
                };
            case BYTES:
                if (f.isCharacter()) {
                    return FN + "stringToBytes(" + v + ")";
                }
                break;
            case DATE:
                if (f.isCharacter()) {
                    return FN + "parseDate(" + v + ")";
                } else if (isTimestamp(f)) {
                    return "(int) Math.floorDiv(" + v + ", " + SqlFunctions.MILLIS_PER_DAY + "L)";
                }
                break;
            case TIME:
                if (f.isCharacter()) {
                    return FN + "parseTime(" + v + ")";
                } else if (isTimestamp(f)) {
                    return "(int) Math.floorMod(" + v + ", " + SqlFunctions.MILLIS_PER_DAY + "L)";
                }
                break;
            case TIMESTAMP, TIMESTAMP_LTZ:
                if (f.isCharacter()) {
                    return FN + "parseTimestamp(" + v + ", \"" + typeName + "\")";
                } else if (f == TypeKind.DATE) {
                    return "((long) (" + v + ") * " + SqlFunctions.MILLIS_PER_DAY + "L)";
                } else if (isTimestamp(f)) {
                    return v;
                }
                break;
            default:
                break;
        }
        throw cannotCast(from, to);
    }

    private static WeirException cannotCast(DataType from, DataType to) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "Cannot cast " + from.withNullable(true) + " to " + to.withNullable(true));
    }

    private String string(Value value) {
        return convert(value, DataType.of(TypeKind.STRING));
    }

    private static String asLong(Value value) {
        TypeKind kind = value.type().kind();
        if (kind == TypeKind.DECIMAL) {
            return value.value() + ".longValue()";
        } else if (kind == TypeKind.BOOLEAN) {
            return "(" + value.value() + " ? 1L : 0L)";
        } else if (kind.isCharacter()) {
            return FN + "parseLong(" + value.value() + ", \"BIGINT\")";
        }
        return "((long) " + value.value() + ")";
    }

    private static String asDouble(Value value) {
        TypeKind kind = value.type().kind();
        if (kind == TypeKind.DECIMAL) {
            return value.value() + ".doubleValue()";
        } else if (kind.isCharacter()) {
            return FN + "parseDouble(" + value.value() + ", \"DOUBLE\")";
        }
        return "((double) " + value.value() + ")";
    }

    private static String asDecimal(Value value) {
        TypeKind kind = value.type().kind();
        if (kind == TypeKind.DECIMAL) {
            return value.value();
        } else if (isApproximate(kind)) {
            return FN + "toDecimal((double) " + value.value() + ")";
        } else if (kind.isCharacter()) {
            return "new java.math.BigDecimal(" + value.value() + ".trim())";
        }
        return FN + "toDecimal(" + asLong(value) + ")";
    }

    private static String asMillis(Value value) {
        if (value.type().kind() == TypeKind.DATE) {
            return "((long) " + value.value() + " * " + SqlFunctions.MILLIS_PER_DAY + "L)";
        }
        return "((long) " + value.value() + ")";
    }

    // ---- Arrow and Java types

    static String vectorClass(DataType type) {
        return "org.apache.arrow.vector." + switch (type.kind()) {
            case BOOLEAN -> "BitVector";
            case TINYINT -> "TinyIntVector";
            case SMALLINT -> "SmallIntVector";
            case INT -> "IntVector";
            case BIGINT -> "BigIntVector";
            case FLOAT -> "Float4Vector";
            case DOUBLE -> "Float8Vector";
            case DECIMAL -> "DecimalVector";
            case CHAR, STRING -> "VarCharVector";
            case BYTES -> "VarBinaryVector";
            case DATE -> "DateDayVector";
            case TIME -> "TimeMilliVector";
            case TIMESTAMP, TIMESTAMP_LTZ -> "TimeStampVector";
            case NULL -> "NullVector";
            case ARRAY -> "complex.ListVector";
            case MAP -> "complex.MapVector";
            case ROW -> "complex.StructVector";
            default -> throw unsupported("Columns of type " + type);
        };
    }

    static String javaType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case TINYINT -> "byte";
            case SMALLINT -> "short";
            case INT, DATE, TIME, INTERVAL_YEAR_MONTH -> "int";
            case BIGINT, TIMESTAMP, TIMESTAMP_LTZ, INTERVAL_DAY_TIME -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case DECIMAL -> "java.math.BigDecimal";
            case CHAR, STRING -> "String";
            case BYTES -> "byte[]";
            case NULL -> "Object";
            case ARRAY, ROW -> "java.util.List";
            case MAP -> "java.util.Map";
            default -> throw unsupported("Values of type " + type);
        };
    }

    private static boolean isPrimitive(DataType type) {
        return !javaType(type).contains(".") && !javaType(type).equals("String") && !javaType(type).equals("byte[]")
                && !javaType(type).equals("Object");
    }

    static String defaultValue(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "false";
            case TINYINT -> "(byte) 0";
            case SMALLINT -> "(short) 0";
            case INT, DATE, TIME, INTERVAL_YEAR_MONTH -> "0";
            case BIGINT, TIMESTAMP, TIMESTAMP_LTZ, INTERVAL_DAY_TIME -> "0L";
            case FLOAT -> "0.0f";
            case DOUBLE -> "0.0d";
            default -> "null";
        };
    }

    private static String read(String vector, DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "(" + vector + ".get(r) != 0)";
            case DECIMAL -> vector + ".getObject(r)";
            case CHAR, STRING -> FN + "fromUtf8(" + vector + ".get(r))";
            case ARRAY, MAP, ROW -> "((" + javaType(type) + ") io.weir.spi.batch.BatchValues.get(" + vector + ", r))";
            default -> vector + ".get(r)";
        };
    }

    private static String write(String vector, String value, DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> vector + ".set(o, " + value + " ? 1 : 0);";
            case DECIMAL -> vector + ".set(o, " + FN + "rescale(" + value + ", " + type.precision() + ", " + type.scale() + "));";
            case CHAR, STRING -> vector + ".setSafe(o, " + FN + "utf8(" + value + "));";
            case BYTES -> vector + ".setSafe(o, " + value + ");";
            case ARRAY, MAP, ROW -> "io.weir.spi.batch.BatchValues.set(" + vector + ", o, " + value + ");";
            default -> vector + ".set(o, " + value + ");";
        };
    }

    private static boolean isIntegral(TypeKind kind) {
        return kind == TypeKind.TINYINT || kind == TypeKind.SMALLINT || kind == TypeKind.INT || kind == TypeKind.BIGINT;
    }

    private static boolean isNested(TypeKind kind) {
        return kind == TypeKind.ARRAY || kind == TypeKind.MAP || kind == TypeKind.ROW;
    }

    private static boolean isApproximate(TypeKind kind) {
        return kind == TypeKind.FLOAT || kind == TypeKind.DOUBLE;
    }

    private static boolean isTimestamp(TypeKind kind) {
        return kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMP_LTZ;
    }

    private static boolean isLongLike(TypeKind kind) {
        return isIntegral(kind) || kind == TypeKind.DATE || kind == TypeKind.TIME || isTimestamp(kind);
    }

    // ---- names and constants

    private String local() {
        return "t" + counter++;
    }

    private String constant(String javaType, String initializer) {
        String name = "C" + constants.size();
        constants.add("private static final " + javaType + " " + name + " = " + initializer + ";");
        return name;
    }

    private static String floatLiteral(float value) {
        if (Float.isNaN(value)) {
            return "Float.NaN";
        } else if (Float.isInfinite(value)) {
            return value > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        return Float.toString(value) + "f";
    }

    private static String doubleLiteral(double value) {
        if (Double.isNaN(value)) {
            return "Double.NaN";
        } else if (Double.isInfinite(value)) {
            return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(value) + "d";
    }

    private static String javaString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static WeirException unsupported(String what) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, what + " cannot be evaluated by the executor yet");
    }
}
