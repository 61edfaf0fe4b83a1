package io.weir.spi.batch;

import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps Weir's SQL types onto Arrow vectors: the one columnar layout every batch uses, in memory
 * and (later) on the wire.
 *
 * <p>BOOLEAN → Bit, TINYINT..BIGINT → Int(8..64), FLOAT/DOUBLE → FloatingPoint, DECIMAL →
 * Decimal(p, s, 128), CHAR/STRING → Utf8, BYTES → Binary, DATE → Date(DAY), TIME → Time(MILLI, 32),
 * TIMESTAMP → Timestamp(MILLI), TIMESTAMP_LTZ → Timestamp(MILLI, "UTC"), INTERVAL_DAY_TIME → Int(64)
 * milliseconds, INTERVAL_YEAR_MONTH → Int(32) months, ARRAY → List of {@code element}, MAP → Map of
 * {@code entries} structs of {@code key} (not null) and {@code value}, ROW → Struct of its fields.
 */
public final class ArrowTypes {
    private ArrowTypes() {
    }

    public static Schema schema(RowType rowType) {
        List<Field> fields = new ArrayList<>(rowType.size());
        for (io.weir.spi.type.Field field : rowType.fields()) {
            fields.add(field(field.name(), field.type()));
        }
        return new Schema(fields);
    }

    public static Field field(String name, DataType type) {
        return new Field(name, new FieldType(true, arrowType(type), null), children(type));
    }

    /** The child fields of a nested type's vector; null for the others. */
    private static List<Field> children(DataType type) {
        return switch (type.kind()) {
            case ARRAY -> List.of(field("element", type.children().get(0).type()));
            case MAP -> List.of(new Field("entries", new FieldType(false, ArrowType.Struct.INSTANCE, null),
                    List.of(new Field("key", new FieldType(false, arrowType(type.children().get(0).type()), null),
                            children(type.children().get(0).type())), field("value", type.children().get(1).type()))));
            case ROW -> type.children().stream().map(f -> field(f.name(), f.type())).toList();
            default -> null;
        };
    }

    /** Allocates an empty batch for rows of {@code rowType}; the caller closes it. */
    public static VectorSchemaRoot allocate(RowType rowType, BufferAllocator allocator) {
        return VectorSchemaRoot.create(schema(rowType), allocator);
    }

    public static ArrowType arrowType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INT -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case CHAR, STRING -> ArrowType.Utf8.INSTANCE;
            case BYTES -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case TIMESTAMP_LTZ -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case INTERVAL_DAY_TIME -> new ArrowType.Int(64, true);
            case INTERVAL_YEAR_MONTH -> new ArrowType.Int(32, true);
            case NULL -> ArrowType.Null.INSTANCE;
            case ARRAY -> ArrowType.List.INSTANCE;
            case MAP -> new ArrowType.Map(false);
            case ROW -> ArrowType.Struct.INSTANCE;
        };
    }
}
