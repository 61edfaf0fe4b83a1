package io.weir.planner.type;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Converts between Calcite's {@link RelDataType} and Weir's {@link DataType}, in both directions. */
public final class TypeConverter {
    private TypeConverter() {
    }

    public static RowType toRowType(RelDataType rowType) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            fields.add(new Field(field.getName(), toDataType(field.getType())));
        }
        return new RowType(fields);
    }

    public static DataType toDataType(RelDataType type) {
        boolean nullable = type.isNullable();
        DataType result = switch (type.getSqlTypeName()) {
            case BOOLEAN -> DataType.of(TypeKind.BOOLEAN);
            case TINYINT -> DataType.of(TypeKind.TINYINT);
            case SMALLINT -> DataType.of(TypeKind.SMALLINT);
            case INTEGER -> DataType.of(TypeKind.INT);
            case BIGINT -> DataType.of(TypeKind.BIGINT);
            case FLOAT, REAL -> DataType.of(TypeKind.FLOAT);
            case DOUBLE -> DataType.of(TypeKind.DOUBLE);
            case DECIMAL -> DataType.decimal(type.getPrecision(), Math.max(type.getScale(), 0));
            case CHAR -> new DataType(TypeKind.CHAR, type.getPrecision(), 0, true, List.of());
            case VARCHAR -> new DataType(TypeKind.STRING,
                    type.getPrecision() == Integer.MAX_VALUE || type.getPrecision() < 0 ? -1 : type.getPrecision(),
                    0, true, List.of());
            case BINARY, VARBINARY -> DataType.of(TypeKind.BYTES);
            case DATE -> DataType.of(TypeKind.DATE);
            case TIME -> new DataType(TypeKind.TIME, type.getPrecision(), 0, true, List.of());
            case TIMESTAMP -> DataType.timestamp(type.getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    new DataType(TypeKind.TIMESTAMP_LTZ, type.getPrecision(), 0, true, List.of());
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND -> DataType.of(TypeKind.INTERVAL_DAY_TIME);
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
            case ARRAY -> DataType.array(toDataType(type.getComponentType()));
            case MAP -> DataType.map(toDataType(type.getKeyType()), toDataType(type.getValueType()));
            case ROW -> DataType.row(toRowType(type).fields());
            case NULL -> DataType.of(TypeKind.NULL);
            case SYMBOL -> DataType.of(TypeKind.STRING);
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "The SQL type " + type.getFullTypeString() + " is not supported by Weir");
        };
        return result.withNullable(nullable);
    }

    public static RelDataType toRelDataType(RelDataTypeFactory factory, DataType type) {
        RelDataType result = switch (type.kind()) {
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INT -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case FLOAT -> factory.createSqlType(SqlTypeName.FLOAT);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
            case CHAR -> factory.createSqlType(SqlTypeName.CHAR, Math.max(type.precision(), 1));
            case STRING -> factory.createSqlType(SqlTypeName.VARCHAR,
                    type.precision() < 0 ? Integer.MAX_VALUE : type.precision());
            case BYTES -> factory.createSqlType(SqlTypeName.VARBINARY, Integer.MAX_VALUE);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, Math.max(type.precision(), 0));
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, type.precision());
            case TIMESTAMP_LTZ -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, type.precision());
            case INTERVAL_DAY_TIME -> factory.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                    org.apache.calcite.avatica.util.TimeUnit.DAY, org.apache.calcite.avatica.util.TimeUnit.SECOND,
                    org.apache.calcite.sql.parser.SqlParserPos.ZERO));
            case INTERVAL_YEAR_MONTH -> factory.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                    org.apache.calcite.avatica.util.TimeUnit.YEAR, org.apache.calcite.avatica.util.TimeUnit.MONTH,
                    org.apache.calcite.sql.parser.SqlParserPos.ZERO));
            case ARRAY -> factory.createArrayType(toRelDataType(factory, type.children().get(0).type()), -1);
            case MAP -> factory.createMapType(toRelDataType(factory, type.children().get(0).type()),
                    toRelDataType(factory, type.children().get(1).type()));
            case ROW -> factory.createStructType(
                    type.children().stream().map(f -> toRelDataType(factory, f.type())).toList(),
                    type.children().stream().map(Field::name).toList());
            case NULL -> factory.createSqlType(SqlTypeName.NULL);
        };
        return factory.createTypeWithNullability(result, type.nullable());
    }
}
