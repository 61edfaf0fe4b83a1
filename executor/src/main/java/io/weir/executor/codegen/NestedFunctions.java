package io.weir.executor.codegen;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run-time helpers for ARRAY, MAP and ROW values in generated code, which holds them as Java values
 * (ARRAY and ROW {@code List}, MAP {@code Map}; elements per {@code TypeKind}'s convention). Operands
 * and results are boxed; a {@code null} operand is SQL NULL (the generated code passes NULLs only
 * where a function accepts them: elements of constructors), a {@code null} result is NULL.
 */
public final class NestedFunctions {
    private NestedFunctions() {
    }

    /**
     * {@code array[index]} (1-based; NULL when out of range, as Flink) or {@code map[key]} (NULL when
     * absent; numeric keys match by value whatever their Java width).
     */
    public static Object item(Object collection, Object key) {
        if (collection instanceof List<?> list) {
            long index = ((Number) key).longValue();
            return index < 1 || index > list.size() ? null : list.get((int) (index - 1));
        }
        Map<?, ?> map = (Map<?, ?>) collection;
        Object value = map.get(key);
        if (value != null || !(key instanceof Number number) || key instanceof java.math.BigDecimal) {
            return value;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() instanceof Number other && !(other instanceof java.math.BigDecimal)
                    && other.longValue() == number.longValue()) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Field {@code index} (0-based) of a ROW value. */
    public static Object field(Object row, int index) {
        return ((List<?>) row).get(index);
    }

    public static Integer cardinality(Object collection) {
        return collection instanceof Map<?, ?> map ? map.size() : ((List<?>) collection).size();
    }

    /** ELEMENT(array): its only element, NULL when empty, an error when it has more than one (as Flink). */
    public static Object element(Object array) {
        List<?> list = (List<?>) array;
        if (list.size() > 1) {
            throw new WeirException(ErrorCode.DATA_EXCEPTION,
                    "ELEMENT needs an array of at most one element, but got " + list.size() + " elements");
        }
        return list.isEmpty() ? null : list.get(0);
    }

    /** {@code ARRAY[...]} and {@code ROW(...)}: the values in order, NULLs included. */
    public static List<Object> list(Object[] values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** {@code MAP[k1, v1, k2, v2, ...]}: a later duplicate key replaces the earlier value (as Flink). */
    public static Map<Object, Object> map(Object[] keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
