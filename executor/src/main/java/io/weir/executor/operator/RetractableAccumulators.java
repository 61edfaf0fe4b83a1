package io.weir.executor.operator;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-group accumulators of a streaming aggregate that can take values back: each one is fed the
 * call's argument value (Java value convention; a non-null marker for {@code COUNT(*)}) of a row
 * that is added ({@code +I}, {@code +U}) or retracted ({@code -U}, {@code -D}). Retracting a value
 * that was never added is the caller's mistake and leaves an unspecified result. Not thread-safe.
 */
final class RetractableAccumulators {
    /** What {@code COUNT(*)} is fed for every row. */
    static final Object ROW = Boolean.TRUE;

    private RetractableAccumulators() {
    }

    /** One group's state for one call. */
    interface Accumulator extends java.io.Serializable {
        void add(Object value);

        void retract(Object value);

        /** The current result, in the Java value convention of the call's result type (widened numbers). */
        Object result();

        /**
         * The accumulator's state as plain values (numbers, strings, decimals, bytes), which a state
         * backend stores compactly; {@link #restore} on a fresh accumulator of the same call brings it back.
         */
        List<Object> state();

        void restore(List<Object> state);
    }

    /** Creates a fresh accumulator for each new group. */
    interface Factory {
        Accumulator create();
    }

    /** The factory for {@code call} over rows of {@code inputType}. */
    static Factory factory(AggregateCall call, RowType inputType) {
        DataType argType = call.arguments().isEmpty() ? null : inputType.type(call.arguments().get(0));
        DataType resultType = call.resultType();
        Factory base = switch (call.function()) {
            case COUNT -> Count::new;
            case SUM, SUM0 -> {
                Category category = Category.of(argType);
                boolean zero = call.function() == AggregateFunction.SUM0;
                yield () -> new Sum(category, zero);
            }
            case MIN, MAX -> {
                boolean max = call.function() == AggregateFunction.MAX;
                yield () -> new MinMax(max);
            }
            case AVG -> {
                Category category = Category.of(argType);
                yield () -> new Avg(category, resultType);
            }
        };
        return call.distinct() ? () -> new Distinct(base.create()) : base;
    }

    /** How numbers are summed: as long, double or BigDecimal, by the argument's type. */
    enum Category {
        LONG, DOUBLE, DECIMAL;

        static Category of(DataType type) {
            return switch (type.kind()) {
                case TINYINT, SMALLINT, INT, BIGINT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> LONG;
                case FLOAT, DOUBLE -> DOUBLE;
                case DECIMAL -> DECIMAL;
                default -> throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "Cannot sum values of type " + type);
            };
        }

        Object zero() {
            return switch (this) {
                case LONG -> 0L;
                case DOUBLE -> 0.0;
                case DECIMAL -> BigDecimal.ZERO;
            };
        }

        Object add(Object total, Object value, boolean negate) {
            Number n = (Number) value;
            return switch (this) {
                case LONG -> (Long) total + (negate ? -n.longValue() : n.longValue());
                case DOUBLE -> (Double) total + (negate ? -n.doubleValue() : n.doubleValue());
                case DECIMAL -> {
                    BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
                    yield negate ? ((BigDecimal) total).subtract(d) : ((BigDecimal) total).add(d);
                }
            };
        }
    }

    /** COUNT: the number of non-null values. */
    private static final class Count implements Accumulator {
        private long count;

        @Override
        public void add(Object value) {
            if (value != null) {
                count++;
            }
        }

        @Override
        public void retract(Object value) {
            if (value != null) {
                count--;
            }
        }

        @Override
        public Object result() {
            return count;
        }

        @Override
        public List<Object> state() {
            return List.of(count);
        }

        @Override
        public void restore(List<Object> state) {
            count = (Long) state.get(0);
        }
    }

    /** SUM (NULL without values) and SUM0 (0 without values). */
    private static final class Sum implements Accumulator {
        private final Category category;
        private final boolean zeroIfEmpty;
        private Object total;
        private long count;

        Sum(Category category, boolean zeroIfEmpty) {
            this.category = category;
            this.zeroIfEmpty = zeroIfEmpty;
            this.total = category.zero();
        }

        @Override
        public List<Object> state() {
            return List.of(total, count);
        }

        @Override
        public void restore(List<Object> state) {
            total = state.get(0);
            count = (Long) state.get(1);
        }

        @Override
        public void add(Object value) {
            if (value != null) {
                total = category.add(total, value, false);
                count++;
            }
        }

        @Override
        public void retract(Object value) {
            if (value != null) {
                total = category.add(total, value, true);
                count--;
            }
        }

        @Override
        public Object result() {
            return count == 0 && !zeroIfEmpty ? null : count == 0 ? category.zero() : total;
        }
    }

    /** AVG: sum and count, divided at the result type as the batch aggregate does. */
    private static final class Avg implements Accumulator {
        @Override
        public List<Object> state() {
            return java.util.Arrays.asList(sum.total, sum.count, count);
        }

        @Override
        public void restore(List<Object> state) {
            sum.total = state.get(0);
            sum.count = (Long) state.get(1);
            count = (Long) state.get(2);
        }

        private final Sum sum;
        private final DataType resultType;
        private long count;

        Avg(Category category, DataType resultType) {
            this.sum = new Sum(category, true);
            this.resultType = resultType;
        }

        @Override
        public void add(Object value) {
            if (value != null) {
                sum.add(value);
                count++;
            }
        }

        @Override
        public void retract(Object value) {
            if (value != null) {
                sum.retract(value);
                count--;
            }
        }

        @Override
        public Object result() {
            if (count == 0) {
                return null;
            }
            Object total = sum.result();
            return switch (resultType.kind()) {
                case FLOAT, DOUBLE -> ((Number) total).doubleValue() / count;
                case DECIMAL -> (total instanceof BigDecimal d ? d : new BigDecimal(total.toString()))
                        .divide(BigDecimal.valueOf(count), resultType.scale(), RoundingMode.HALF_UP);
                default -> total instanceof Long l ? l / count : (long) (((Number) total).doubleValue() / count);
            };
        }
    }

    /** MIN and MAX over a multiset of the values, so that retracting the current extreme works. */
    private static final class MinMax implements Accumulator {
        private final boolean max;
        private final TreeMap<Object, Long> values = new TreeMap<>(VALUE_ORDER);

        @Override
        public List<Object> state() {
            List<Object> state = new java.util.ArrayList<>(values.size() * 2);
            values.forEach((value, copies) -> {
                state.add(value);
                state.add(copies);
            });
            return state;
        }

        @Override
        public void restore(List<Object> state) {
            for (int i = 0; i < state.size(); i += 2) {
                values.put(state.get(i), (Long) state.get(i + 1));
            }
        }

        MinMax(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Object value) {
            if (value != null) {
                values.merge(value, 1L, Long::sum);
            }
        }

        @Override
        public void retract(Object value) {
            if (value != null) {
                values.computeIfPresent(value, (v, n) -> n == 1 ? null : n - 1);
            }
        }

        @Override
        public Object result() {
            if (values.isEmpty()) {
                return null;
            }
            return max ? values.lastKey() : values.firstKey();
        }
    }

    /** DISTINCT: passes a value on when it first appears and takes it back when its last copy goes. */
    private static final class Distinct implements Accumulator {
        private final Accumulator inner;
        private final Map<Object, Long> counts = new HashMap<>();

        @Override
        public List<Object> state() {
            List<Object> innerState = inner.state();
            List<Object> state = new java.util.ArrayList<>(1 + innerState.size() + counts.size() * 2);
            state.add((long) innerState.size());
            state.addAll(innerState);
            counts.forEach((value, copies) -> {
                state.add(value);
                state.add(copies);
            });
            return state;
        }

        @Override
        public void restore(List<Object> state) {
            int innerSize = (int) (long) (Long) state.get(0);
            inner.restore(state.subList(1, 1 + innerSize));
            for (int i = 1 + innerSize; i < state.size(); i += 2) {
                counts.put(state.get(i), (Long) state.get(i + 1));
            }
        }

        Distinct(Accumulator inner) {
            this.inner = inner;
        }

        @Override
        public void add(Object value) {
            if (value != null && counts.merge(hashable(value), 1L, Long::sum) == 1) {
                inner.add(value);
            }
        }

        @Override
        public void retract(Object value) {
            if (value == null) {
                return;
            }
            Object key = hashable(value);
            Long count = counts.get(key);
            if (count == null) {
                return;
            }
            if (count == 1) {
                counts.remove(key);
                inner.retract(value);
            } else {
                counts.put(key, count - 1);
            }
        }

        @Override
        public Object result() {
            return inner.result();
        }
    }

    /** {@code value} with content equality (BYTES values become ByteBuffers). */
    static Object hashable(Object value) {
        return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    }

    /** The natural order of comparable values; BYTES unsigned lexicographically. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> VALUE_ORDER = (Comparator<Object> & java.io.Serializable) (a, b) -> {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        return ((Comparable) a).compareTo(b);
    };
}
