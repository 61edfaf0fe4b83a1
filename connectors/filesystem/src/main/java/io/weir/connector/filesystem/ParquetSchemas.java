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
        return type(table, name, type, Type.Repetition.OPTIONAL);
    }

    /**
     * Nested types in the layouts the Parquet spec recommends: ARRAY as {@code group (LIST) {repeated
     * group list {optional element}}}, MAP as {@code group (MAP) {repeated group key_value {required
     * key; optional value}}}, ROW as a group of its fields.
     */
    private static Type type(String table, String name, DataType type, Type.Repetition repetition) {
        switch (type.kind()) {
            case ARRAY -> {
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup().addField(type(table, "element", type.children().get(0).type()))
                                .named("list")).named(name);
            }
            case MAP -> {
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(Types.repeatedGroup()
                                .addField(type(table, "key", type.children().get(0).type(), Type.Repetition.REQUIRED))
                                .addField(type(table, "value", type.children().get(1).type()))
                                .named("key_value")).named(name);
            }
            case ROW -> {
                Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.buildGroup(repetition);
                for (Field field : type.children()) {
                    group.addField(type(table, field.name(), field.type()));
                }
                return group.named(name);
            }
            default -> {
                return primitive(table, name, type, repetition);
            }
        }
    }

    private static Type primitive(String table, String name, DataType type, Type.Repetition repetition) {
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b;
        switch (type.kind()) {
            case BOOLEAN -> b = Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case TINYINT -> b = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true));
            case SMALLINT -> b = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true));
            case INT -> b = Types.primitive(PrimitiveTypeName.INT32, repetition);
            case BIGINT -> b = Types.primitive(PrimitiveTypeName.INT64, repetition);
            case FLOAT -> b = Types.primitive(PrimitiveTypeName.FLOAT, repetition);
            case DOUBLE -> b = Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
            case DECIMAL -> b = Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(decimalBytes(type.precision()))
                    .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()));
            case CHAR, STRING -> b = Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case BYTES -> b = Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case DATE -> b = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
            case TIME -> b = Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MILLIS));
            case TIMESTAMP -> b = Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MILLIS));
            case TIMESTAMP_LTZ -> b = Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Column '" + name + "' of table '"
                    + table + "' has type " + type + ", which the parquet format does not support yet");
        }
        return b.named(name);
    }
}
