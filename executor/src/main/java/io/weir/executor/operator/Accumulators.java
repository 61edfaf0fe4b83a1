package io.weir.executor.operator;

import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
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
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Per-group aggregate state, column-oriented: one primitive array per accumulator indexed by group
 * id, updated a whole batch at a time (one virtual call per batch, a primitive loop inside).
 */
final class Accumulators {
    private Accumulators() {
    }

    /** How values of a SQL type are accumulated. */
    enum Category {
        LONG,
        DOUBLE,
        DECIMAL,
        BYTES;

        static Category of(DataType type) {
            return switch (type.kind()) {
                case FLOAT, DOUBLE -> DOUBLE;
                case DECIMAL -> DECIMAL;
                case CHAR, STRING, BYTES -> BYTES;
                default -> LONG;
            };
        }
    }

    /** State of one accumulator over all groups. */
    abstract static class Accumulator {
        /** Makes room for groups [0, groups). */
        abstract void grow(int groups);

        /** Adds rows [0, rows) of {@code batch} (only where {@code selected[r]}, when given) to their groups. */
        abstract void add(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected);

        /** The group's value as a Java object (Long, Double, BigDecimal, byte[]), or null. */
        abstract Object value(int group);
    }

    /** COUNT(*) (column -1) or COUNT(x): rows, or rows where x is not null. */
    static final class Count extends Accumulator {
        private final int column;
        long[] counts = new long[0];

        Count(int column) {
            this.column = column;
        }

        @Override
        void grow(int groups) {
            if (counts.length < groups) {
                counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
            }
        }

        @Override
        void add(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            FieldVector vector = column < 0 ? null : batch.getVector(column);
            for (int r = 0; r < rows; r++) {
                if ((selected == null || selected[r]) && (vector == null || !vector.isNull(r))) {
                    counts[groupIds[r]]++;
                }
            }
        }

        @Override
        Object value(int group) {
            return counts[group];
        }
    }

    /** SUM over whole numbers (also merges partial counts); null for a group without values unless {@code zeroIfEmpty}. */
    static final class LongSum extends Accumulator {
        private final int column;
        private final boolean zeroIfEmpty;
        long[] sums = new long[0];
        boolean[] seen = new boolean[0];

        LongSum(int column, boolean zeroIfEmpty) {
            this.column = column;
            this.zeroIfEmpty = zeroIfEmpty;
        }

        @Override
        void grow(int groups) {
            if (sums.length < groups) {
                int size = Math.max(groups, sums.length * 2);
                sums = Arrays.copyOf(sums, size);
                seen = Arrays.copyOf(seen, size);
            }
        }

        @Override
        void add(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            FieldVector vector = batch.getVector(column);
            if (vector instanceof BigIntVector longs && selected == null) {
                for (int r = 0; r < rows; r++) {
                    if (!longs.isNull(r)) {
                        int group = groupIds[r];
                        sums[group] += longs.get(r);
                        seen[group] = true;
                    }
                }
            } else if (vector instanceof IntVector ints && selected == null) {
                for (int r = 0; r < rows; r++) {
                    if (!ints.isNull(r)) {
                        int group = groupIds[r];
                        sums[group] += ints.get(r);
                        seen[group] = true;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    if ((selected == null || selected[r]) && !vector.isNull(r)) {
                        int group = groupIds[r];
                        sums[group] += longAt(vector, r);
                        seen[group] = true;
                    }
                }
            }
        }

        @Override
        Object value(int group) {
            return seen[group] ? Long.valueOf(sums[group]) : zeroIfEmpty ? Long.valueOf(0) : null;
        }
    }

    /** SUM over FLOAT/DOUBLE. */
    static final class DoubleSum extends Accumulator {
        private final int column;
        private final boolean zeroIfEmpty;
        double[] sums = new double[0];
        boolean[] seen = new boolean[0];

        DoubleSum(int column, boolean zeroIfEmpty) {
            this.column = column;
            this.zeroIfEmpty = zeroIfEmpty;
        }

        @Override
        void grow(int groups) {
            if (sums.length < groups) {
                int size = Math.max(groups, sums.length * 2);
                sums = Arrays.copyOf(sums, size);
                seen = Arrays.copyOf(seen, size);
            }
        }

        @Override
        void add(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            FieldVector vector = batch.getVector(column);
            if (vector instanceof Float8Vector doubles && selected == null) {
                for (int r = 0; r < rows; r++) {
                    if (!doubles.isNull(r)) {
                        int group = groupIds[r];
                        sums[group] += doubles.get(r);
                        seen[group] = true;
                    }
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                if ((selected == null || selected[r]) && !vector.isNull(r)) {
                    int group = groupIds[r];
                    sums[group] += doubleAt(vector, r);
                    seen[group] = true;
                }
            }
        }

        @Override
        Object value(int group) {
            return seen[group] ? Double.valueOf(sums[group]) : zeroIfEmpty ? Double.valueOf(0) : null;
        }
    }

    /** Exact SUM over DECIMAL: unscaled longs while they fit, BigDecimal beyond. */
    static final class DecimalSum extends Accumulator {
        private final int column;
        private final int scale;
        private final boolean zeroIfEmpty;
        long[] unscaled = new long[0];
        BigDecimal[] overflow = new BigDecimal[0];
        boolean[] seen = new boolean[0];

        DecimalSum(int column, int scale, boolean zeroIfEmpty) {
            this.column = column;
            this.scale = scale;
            this.zeroIfEmpty = zeroIfEmpty;
        }

        @Override
        void grow(int groups) {
            if (unscaled.length < groups) {
                int size = Math.max(groups, unscaled.length * 2);
                unscaled = Arrays.copyOf(unscaled, size);
                overflow = Arrays.copyOf(overflow, size);
                seen = Arrays.copyOf(seen, size);
            }
        }

        @Override
        void add(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            FieldVector vector = batch.getVector(column);
            DecimalVector decimals = vector instanceof DecimalVector d && d.getScale() == scale ? d : null;
            ArrowBuf data = decimals == null ? null : decimals.getDataBuffer();
            for (int r = 0; r < rows; r++) {
                if ((selected != null && !selected[r]) || vector.isNull(r)) {
                    continue;
                }
                int group = groupIds[r];
                seen[group] = true;
                if (data != null) {
                    long low = data.getLong((long) r * DecimalVector.TYPE_WIDTH);
                    long high = data.getLong((long) r * DecimalVector.TYPE_WIDTH + 8);
                    if (high == (low >> 63)) {
                        long sum = unscaled[group] + low;
                        if (((unscaled[group] ^ sum) & (low ^ sum)) >= 0) {
                            unscaled[group] = sum;
                            continue;
                        }
                    }
                }
                BigDecimal value = decimalAt(vector, r);
                overflow[group] = overflow[group] == null ? value : overflow[group].add(value);
            }
        }

        @Override
        Object value(int group) {
            if (!seen[group]) {
                return zeroIfEmpty ? BigDecimal.ZERO.setScale(scale) : null;
            }
            BigDecimal sum = new BigDecimal(BigInteger.valueOf(unscaled[group]), scale);
            return overflow[group] == null ? sum : sum.add(overflow[group]);
        }
    }

    /** MIN or MAX of any orderable type, by category. */
    static final class MinMax extends Accumulator {
        private final int column;
        private final Category category;
        private final boolean max;
        long[] longs = new long[0];
        double[] doubles = new double[0];
        Object[] objects = new Object[0];
        boolean[] seen = new boolean[0];

        MinMax(int column, Category category, boolean max) {
            this.column = column;
            this.category = category;
            this.max = max;
        }

        @Override
        void grow(int groups) {
            if (seen.length < groups) {
                int size = Math.max(groups, seen.length * 2);
                seen = Arrays.copyOf(seen, size);
                switch (category) {
                    case LONG -> longs = Arrays.copyOf(longs, size);
                    case DOUBLE -> doubles = Arrays.copyOf(doubles, size);
                    default -> objects = Arrays.copyOf(objects, size);
                }
            }
        }

        @Override
        void add(VectorSchemaRoot batch, int[] groupIds, int rows, boolean[] selected) {
            FieldVector vector = batch.getVector(column);
            for (int r = 0; r < rows; r++) {
                if ((selected != null && !selected[r]) || vector.isNull(r)) {
                    continue;
                }
                int group = groupIds[r];
                switch (category) {
                    case LONG -> {
                        long value = longAt(vector, r);
                        if (!seen[group] || (max ? value > longs[group] : value < longs[group])) {
                            longs[group] = value;
                        }
                    }
                    case DOUBLE -> {
                        double value = doubleAt(vector, r);
                        if (!seen[group] || (max ? value > doubles[group] : value < doubles[group])) {
                            doubles[group] = value;
                        }
                    }
                    case DECIMAL -> {
                        BigDecimal value = decimalAt(vector, r);
                        if (!seen[group] || compare(value.compareTo((BigDecimal) objects[group]))) {
                            objects[group] = value;
                        }
                    }
                    default -> {
                        byte[] value = bytesAt(vector, r);
                        if (!seen[group] || compare(Arrays.compareUnsigned(value, (byte[]) objects[group]))) {
                            objects[group] = value;
                        }
                    }
                }
                seen[group] = true;
            }
        }

        private boolean compare(int comparison) {
            return max ? comparison > 0 : comparison < 0;
        }

        @Override
        Object value(int group) {
            if (!seen[group]) {
                return null;
            }
            return switch (category) {
                case LONG -> longs[group];
                case DOUBLE -> doubles[group];
                default -> objects[group];
            };
        }
    }

    // ---- reading single values of any numeric-like vector (not the fast paths)

    static long longAt(FieldVector vector, int row) {
        if (vector instanceof BigIntVector v) {
            return v.get(row);
        } else if (vector instanceof IntVector v) {
            return v.get(row);
        } else if (vector instanceof SmallIntVector v) {
            return v.get(row);
        } else if (vector instanceof TinyIntVector v) {
            return v.get(row);
        } else if (vector instanceof DateDayVector v) {
            return v.get(row);
        } else if (vector instanceof TimeMilliVector v) {
            return v.get(row);
        } else if (vector instanceof TimeStampVector v) {
            return v.get(row);
        } else if (vector instanceof BitVector v) {
            return v.get(row);
        } else if (vector instanceof DecimalVector v) {
            return v.getObject(row).longValue();
        } else if (vector instanceof Float8Vector v) {
            return (long) v.get(row);
        } else if (vector instanceof Float4Vector v) {
            return (long) v.get(row);
        }
        throw new IllegalArgumentException("not a number: " + vector.getClass().getSimpleName());
    }

    static double doubleAt(FieldVector vector, int row) {
        if (vector instanceof Float8Vector v) {
            return v.get(row);
        } else if (vector instanceof Float4Vector v) {
            return v.get(row);
        } else if (vector instanceof DecimalVector v) {
            return v.getObject(row).doubleValue();
        }
        return longAt(vector, row);
    }

    static BigDecimal decimalAt(FieldVector vector, int row) {
        if (vector instanceof DecimalVector v) {
            return v.getObject(row);
        } else if (vector instanceof Float8Vector || vector instanceof Float4Vector) {
            return BigDecimal.valueOf(doubleAt(vector, row));
        }
        return BigDecimal.valueOf(longAt(vector, row));
    }

    static byte[] bytesAt(FieldVector vector, int row) {
        if (vector instanceof VarCharVector v) {
            return v.get(row);
        } else if (vector instanceof VarBinaryVector v) {
            return v.get(row);
        }
        throw new IllegalArgumentException("not a string: " + vector.getClass().getSimpleName());
    }

    /** Writes an accumulated value into any vector, converting between the Java forms. */
    static void write(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
        } else if (vector instanceof BitVector bits) {
            bits.setSafe(row, value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue() != 0 ? 1 : 0);
        } else if (vector instanceof VarCharVector chars && value instanceof byte[] bytes) {
            chars.setSafe(row, bytes);
        } else {
            BatchValues.set(vector, row, value);
        }
    }
}
