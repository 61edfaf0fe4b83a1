package io.weir.planner.type;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Flink SQL's type rules on top of Calcite's: {@code STRING} is a VARCHAR of unbounded length,
 * DECIMAL goes up to 38 digits, SUM widens to BIGINT or DECIMAL(38, s), and TIMESTAMP defaults to
 * millisecond precision.
 */
public final class WeirTypeSystem extends RelDataTypeSystemImpl {
    public static final WeirTypeSystem INSTANCE = new WeirTypeSystem();
    public static final int MAX_DECIMAL_PRECISION = 38;

    private WeirTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case VARCHAR, CHAR, VARBINARY, BINARY -> Integer.MAX_VALUE;
            case DECIMAL -> MAX_DECIMAL_PRECISION;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME -> 9;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 6;
            case TIME -> 0;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType sum = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION,
                    argumentType.getScale());
            case FLOAT, REAL, DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            default -> super.deriveSumType(typeFactory, argumentType);
        };
        return typeFactory.createTypeWithNullability(sum, argumentType.isNullable());
    }
}
