package io.weir.connector.filesystem;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps Weir column types to Parquet types the way readers (DuckDB, Spark, Flink) expect: DECIMAL as
 * the DECIMAL logical type over a fixed-length array, STRING as UTF8, TIME as time millis, TIMESTAMP(3) as timestamp
 * millis not adjusted to UTC, TIMESTAMP_LTZ adjusted to UTC. Stateless.
 */
final class ParquetSchemas {
    private ParquetSchemas() {
    }

    static MessageType messageType(String table, RowType schema) {
        List<Type> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            fields.add(type(table, field.name(), field.type()));
        }
        return new MessageType("weir_schema", fields);
    }

    /** The byte length of the fixed-length array that holds an unscaled DECIMAL of {@code precision} digits. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }

    private static Type type(String table, String name, DataType type) {
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b;
        switch (type.kind()) {
            case BOOLEAN -> b = Types.optional(PrimitiveTypeName.BOOLEAN);
            case TINYINT -> b = Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true));
            case SMALLINT -> b = Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true));
            case INT -> b = Types.optional(PrimitiveTypeName.INT32);
            case BIGINT -> b = Types.optional(PrimitiveTypeName.INT64);
            case FLOAT -> b = Types.optional(PrimitiveTypeName.FLOAT);
            case DOUBLE -> b = Types.optional(PrimitiveTypeName.DOUBLE);
            case DECIMAL -> b = Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                    .length(decimalBytes(type.precision()))
                    .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()));
            case CHAR, STRING -> b = Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType());
            case BYTES -> b = Types.optional(PrimitiveTypeName.BINARY);
            case DATE -> b = Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType());
            case TIME -> b = Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MILLIS));
            case TIMESTAMP -> b = Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MILLIS));
            case TIMESTAMP_LTZ -> b = Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Column '" + name + "' of table '"
                    + table + "' has type " + type + ", which the parquet format does not support yet");
        }
        return b.named(name);
    }
}
