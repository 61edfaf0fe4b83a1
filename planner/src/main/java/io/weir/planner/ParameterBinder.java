package io.weir.planner;

import static java.util.Objects.requireNonNull;

import io.weir.planner.type.TypeConverter;
import io.weir.planner.type.WeirTypeSystem;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Replaces the dynamic parameters ({@code ?}) of a parsed statement with typed literals, so that
 * a prepared statement runs through the ordinary path: each {@code ?} becomes
 * {@code CAST(literal AS type)} at the marker's position. The tree is changed in place (a new root
 * is returned when the root itself had to be rebuilt). Stateless.
 */
public final class ParameterBinder {
    private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(WeirTypeSystem.INSTANCE);

    private ParameterBinder() {
    }

    /**
     * Replaces every {@code ?} in {@code statement}: {@code valueOf} gives, for a marker's 0-based
     * index, the value (Java value per the TypeKind convention, {@code null} for NULL) and
     * {@code typeOf} its type.
     */
    public static SqlNode bind(SqlNode statement, IntFunction<DataType> typeOf, IntFunction<Object> valueOf) {
        requireNonNull(statement, "statement is null");
        return replace(statement, parameter -> literal(valueOf.apply(parameter.getIndex()),
                typeOf.apply(parameter.getIndex()), parameter.getParserPosition()));
    }

    /** {@code CAST(NULL AS type)} for every {@code ?} whose type is given (non-null). */
    public static SqlNode typeParameters(SqlNode statement, IntFunction<DataType> typeOf) {
        return replace(statement, parameter -> {
            DataType type = typeOf.apply(parameter.getIndex());
            return type == null ? parameter : literal(null, type, parameter.getParserPosition());
        });
    }

    /** Calls {@code action} for every {@code ?} in the tree, in tree order. */
    static void forEachParameter(SqlNode node, Consumer<SqlDynamicParam> action) {
        replace(node, parameter -> {
            action.accept(parameter);
            return parameter;
        });
    }

    private interface Replacement {
        SqlNode apply(SqlDynamicParam parameter);
    }

    private static SqlNode replace(SqlNode node, Replacement replacement) {
        if (node instanceof SqlDynamicParam parameter) {
            return replacement.apply(parameter);
        }
        if (node instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode item = list.get(i);
                if (item != null) {
                    SqlNode replaced = replace(item, replacement);
                    if (replaced != item) {
                        list.set(i, replaced);
                    }
                }
            }
            return list;
        }
        if (node instanceof SqlCall call) {
            List<SqlNode> operands = new ArrayList<>(call.getOperandList());
            boolean changed = false;
            for (int i = 0; i < operands.size(); i++) {
                SqlNode operand = operands.get(i);
                if (operand != null) {
                    SqlNode replaced = replace(operand, replacement);
                    if (replaced != operand) {
                        operands.set(i, replaced);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return call;
            }
            try {
                for (int i = 0; i < operands.size(); i++) {
                    if (operands.get(i) != call.getOperandList().get(i)) {
                        call.setOperand(i, operands.get(i));
                    }
                }
                return call;
            } catch (UnsupportedOperationException e) {
                // immutable calls such as ORDER BY ... LIMIT are rebuilt
                return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
                        operands.toArray(new SqlNode[0]));
            }
        }
        return node;
    }

    /** {@code CAST(value AS type)} as a parse tree, at {@code pos}. */
    static SqlNode literal(Object value, DataType type, SqlParserPos pos) {
        SqlDataTypeSpec spec = SqlTypeUtil.convertTypeToSpec(TypeConverter.toRelDataType(TYPES, type))
                .withNullable(true);
        SqlNode literal = value == null ? SqlLiteral.createNull(pos) : valueLiteral(value, type, pos);
        return SqlStdOperatorTable.CAST.createCall(pos, literal, spec);
    }

    private static SqlNode valueLiteral(Object value, DataType type, SqlParserPos pos) {
        return switch (type.kind()) {
            case BOOLEAN -> SqlLiteral.createBoolean((Boolean) value, pos);
            case TINYINT, SMALLINT, INT, BIGINT -> SqlLiteral.createExactNumeric(value.toString(), pos);
            case DECIMAL -> SqlLiteral.createExactNumeric(((BigDecimal) value).toPlainString(), pos);
            case FLOAT, DOUBLE -> approximate(((Number) value).doubleValue(), pos);
            case CHAR, STRING -> SqlLiteral.createCharString((String) value, pos);
            case BYTES -> SqlLiteral.createBinaryString((byte[]) value, pos);
            case DATE -> SqlLiteral.createDate(DateString.fromDaysSinceEpoch(((Number) value).intValue()), pos);
            case TIME -> SqlLiteral.createTime(TimeString.fromMillisOfDay(((Number) value).intValue()), 3, pos);
            case TIMESTAMP, TIMESTAMP_LTZ -> SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP,
                    TimestampString.fromMillisSinceEpoch(((Number) value).longValue()), 3, pos);
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "parameters of type " + type.kind()
                    + " are not supported yet; write the value into the statement");
        };
    }

    private static SqlNode approximate(double value, SqlParserPos pos) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "NaN and infinite parameters are not "
                    + "supported yet; use CAST('NaN' AS DOUBLE) in the statement");
        }
        String text = Double.toString(value);
        return SqlLiteral.createApproxNumeric(text.contains("E") ? text : text + "E0", pos);
    }
}
