package io.weir.spi.batch;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Reads and writes single values of Arrow vectors as the Java objects of the {@code TypeKind}
 * convention. Convenient, not fast: hot paths use the typed vectors directly.
 */
public final class BatchValues {
    private BatchValues() {
    }

    /** The value at {@code row}, or null. */
    public static Object get(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof BitVector v) {
            return v.get(row) != 0;
        } else if (vector instanceof TinyIntVector v) {
            return v.get(row);
        } else if (vector instanceof SmallIntVector v) {
            return v.get(row);
        } else if (vector instanceof IntVector v) {
            return v.get(row);
        } else if (vector instanceof BigIntVector v) {
            return v.get(row);
        } else if (vector instanceof Float4Vector v) {
            return v.get(row);
        } else if (vector instanceof Float8Vector v) {
            return v.get(row);
        } else if (vector instanceof DecimalVector v) {
            return v.getObject(row);
        } else if (vector instanceof VarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        } else if (vector instanceof VarBinaryVector v) {
            return v.get(row);
        } else if (vector instanceof DateDayVector v) {
            return v.get(row);
        } else if (vector instanceof TimeMilliVector v) {
            return v.get(row);
        } else if (vector instanceof TimeStampVector v) {
            return v.get(row);
        } else if (vector instanceof MapVector v) {
            StructVector entries = (StructVector) v.getDataVector();
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = v.getElementStartIndex(row); i < v.getElementEndIndex(row); i++) {
                map.put(get((FieldVector) entries.getChildByOrdinal(0), i), get((FieldVector) entries.getChildByOrdinal(1), i));
            }
            return map;
        } else if (vector instanceof ListVector v) {
            List<Object> list = new ArrayList<>();
            for (int i = v.getElementStartIndex(row); i < v.getElementEndIndex(row); i++) {
                list.add(get(v.getDataVector(), i));
            }
            return list;
        } else if (vector instanceof StructVector v) {
            List<Object> fields = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                fields.add(get((FieldVector) v.getChildByOrdinal(i), row));
            }
            return fields;
        }
        return vector.getObject(row);
    }

    /** Sets {@code value} (or null) at {@code row}, growing the vector when needed. */
    public static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            setNull(vector, row);
            return;
        }
        if (vector instanceof BitVector v) {
            v.setSafe(row, ((Boolean) value) ? 1 : 0);
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(row, ((Number) value).byteValue());
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(row, ((Number) value).shortValue());
        } else if (vector instanceof IntVector v) {
            v.setSafe(row, ((Number) value).intValue());
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(row, ((Number) value).longValue());
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(row, ((Number) value).floatValue());
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(row, ((Number) value).doubleValue());
        } else if (vector instanceof DecimalVector v) {
            BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            v.setSafe(row, Decimals.rescale(decimal, v.getPrecision(), v.getScale()));
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(row, (byte[]) value);
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(row, ((Number) value).intValue());
        } else if (vector instanceof TimeMilliVector v) {
            v.setSafe(row, ((Number) value).intValue());
        } else if (vector instanceof TimeStampVector v) {
            v.setSafe(row, ((Number) value).longValue());
        } else if (vector instanceof MapVector v) {
            StructVector entries = (StructVector) v.getDataVector();
            int at = v.startNewValue(row);
            Map<?, ?> map = (Map<?, ?>) value;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                set((FieldVector) entries.getChildByOrdinal(0), at, entry.getKey());
                set((FieldVector) entries.getChildByOrdinal(1), at, entry.getValue());
                entries.setIndexDefined(at);
                at++;
            }
            v.endValue(row, map.size());
        } else if (vector instanceof ListVector v) {
            int at = v.startNewValue(row);
            List<?> list = (List<?>) value;
            for (Object element : list) {
                set(v.getDataVector(), at++, element);
            }
            v.endValue(row, list.size());
        } else if (vector instanceof StructVector v) {
            List<?> fields = (List<?>) value;
            for (int i = 0; i < v.size(); i++) {
                set((FieldVector) v.getChildByOrdinal(i), row, fields.get(i));
            }
            v.setIndexDefined(row);
        } else {
            throw new IllegalArgumentException("no value writer for " + vector.getClass().getSimpleName());
        }
    }

    public static void setNull(FieldVector vector, int row) {
        while (vector.getValueCapacity() <= row) {
            vector.reAlloc();
        }
        vector.setNull(row);
    }
}
