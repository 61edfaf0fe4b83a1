package io.weir.connector.datagen;

import io.weir.spi.batch.Decimals;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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

/** Creates the {@link ColumnGenerator} for a {@link FieldSpec}; the generators themselves are nested here. */
final class ColumnGenerators {
    private static final byte[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ColumnGenerators() {
    }

    static ColumnGenerator create(FieldSpec spec, SplittableRandom random) {
        DataType type = spec.type();
        double nullRate = spec.nullRate();
        if (spec.kind() == FieldSpec.Kind.SEQUENCE) {
            return switch (type.kind()) {
                case TINYINT, SMALLINT, INT, BIGINT, CHAR, STRING -> new IntegerSequence(random, nullRate, spec);
                case FLOAT, DOUBLE, DECIMAL -> new DecimalSequence(random, nullRate, spec);
                default -> throw unsupported(spec);
            };
        }
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanRandom(random, nullRate);
            case TINYINT, SMALLINT, INT, BIGINT -> new IntegerRandom(random, nullRate, spec);
            case FLOAT, DOUBLE -> new FloatingRandom(random, nullRate, spec);
            case DECIMAL -> new DecimalRandom(random, nullRate, spec);
            case CHAR, STRING, BYTES -> new BytesRandom(random, nullRate, spec.length());
            case DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> new TemporalRandom(random, nullRate, spec);
            default -> throw unsupported(spec);
        };
    }

    private static WeirException unsupported(FieldSpec spec) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "datagen cannot generate " + spec.kind().name().toLowerCase(java.util.Locale.ROOT) + " values of type " + spec.type());
    }

    /** Writes {@code value} into an integer vector of any width (the caller checked the range). */
    private static void setInteger(FieldVector vector, int index, long value) {
        if (vector instanceof BigIntVector v) {
            v.set(index, value);
        } else if (vector instanceof IntVector v) {
            v.set(index, (int) value);
        } else if (vector instanceof SmallIntVector v) {
            v.set(index, (short) value);
        } else {
            ((TinyIntVector) vector).set(index, (byte) value);
        }
    }

    /** Uniform booleans. */
    private static final class BooleanRandom extends ColumnGenerator {
        BooleanRandom(SplittableRandom random, double nullRate) {
            super(random, nullRate);
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            BitVector bits = (BitVector) vector;
            for (int i = 0; i < count; i++) {
                bits.set(offset + i, random.nextBoolean() ? 1 : 0);
            }
        }
    }

    /** Uniform integers in [min, max]. */
    private static final class IntegerRandom extends ColumnGenerator {
        private final long min;
        private final long max;
        private final long bound;

        IntegerRandom(SplittableRandom random, double nullRate, FieldSpec spec) {
            super(random, nullRate);
            this.min = spec.min().longValueExact();
            this.max = spec.max().longValueExact();
            this.bound = max - min + 1;
        }

        private long next() {
            if (bound > 0) {
                return min + random.nextLong(bound);
            }
            // the range is wider than Long.MAX_VALUE: draw until inside it
            while (true) {
                long value = random.nextLong();
                if (value >= min && value <= max) {
                    return value;
                }
            }
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            if (vector instanceof BigIntVector v) {
                for (int i = 0; i < count; i++) {
                    v.set(offset + i, next());
                }
            } else if (vector instanceof IntVector v) {
                for (int i = 0; i < count; i++) {
                    v.set(offset + i, (int) next());
                }
            } else {
                for (int i = 0; i < count; i++) {
                    setInteger(vector, offset + i, next());
                }
            }
        }
    }

    /** Uniform FLOAT or DOUBLE values in [min, max]. */
    private static final class FloatingRandom extends ColumnGenerator {
        private final double min;
        private final double max;

        FloatingRandom(SplittableRandom random, double nullRate, FieldSpec spec) {
            super(random, nullRate);
            this.min = spec.min().doubleValue();
            this.max = spec.max().doubleValue();
        }

        private double next() {
            double r = random.nextDouble();
            // interpolated this way so that [-MAX_VALUE, MAX_VALUE] does not overflow to infinity
            return min * (1 - r) + max * r;
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            if (vector instanceof Float8Vector v) {
                for (int i = 0; i < count; i++) {
                    v.set(offset + i, next());
                }
            } else {
                Float4Vector v = (Float4Vector) vector;
                for (int i = 0; i < count; i++) {
                    v.set(offset + i, (float) next());
                }
            }
        }
    }

    /** Uniform decimals in [min, max] at the column's scale; unscaled longs when precision ≤ 18. */
    private static final class DecimalRandom extends ColumnGenerator {
        private final int precision;
        private final int scale;
        private final boolean compact;
        private final long minUnscaled;
        private final long bound;
        private final BigDecimal min;
        private final BigDecimal max;

        DecimalRandom(SplittableRandom random, double nullRate, FieldSpec spec) {
            super(random, nullRate);
            this.precision = spec.type().precision();
            this.scale = spec.type().scale();
            this.min = spec.min().setScale(scale, RoundingMode.CEILING);
            this.max = spec.max().setScale(scale, RoundingMode.FLOOR);
            this.compact = precision <= 18;
            this.minUnscaled = compact ? min.unscaledValue().longValueExact() : 0;
            this.bound = compact ? max.unscaledValue().longValueExact() - minUnscaled + 1 : 0;
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            DecimalVector v = (DecimalVector) vector;
            for (int i = 0; i < count; i++) {
                if (compact) {
                    v.set(offset + i, minUnscaled + random.nextLong(bound));
                } else {
                    double r = random.nextDouble();
                    BigDecimal value = min.add(max.subtract(min).multiply(BigDecimal.valueOf(r)));
                    v.set(offset + i, Decimals.rescale(value.setScale(scale, RoundingMode.FLOOR), precision, scale));
                }
            }
        }
    }

    /** Random alphanumeric strings (VarChar) or random bytes (VarBinary) of a fixed length. */
    private static final class BytesRandom extends ColumnGenerator {
        private final byte[] buffer;

        BytesRandom(SplittableRandom random, double nullRate, int length) {
            super(random, nullRate);
            this.buffer = new byte[length];
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            if (vector instanceof VarCharVector v) {
                for (int i = 0; i < count; i++) {
                    nextAlphanumeric();
                    v.setSafe(offset + i, buffer, 0, buffer.length);
                }
            } else {
                VarBinaryVector v = (VarBinaryVector) vector;
                for (int i = 0; i < count; i++) {
                    random.nextBytes(buffer);
                    v.setSafe(offset + i, buffer, 0, buffer.length);
                }
            }
        }

        private void nextAlphanumeric() {
            int i = 0;
            while (i < buffer.length) {
                // one 64-bit draw gives ten characters of 6 bits; 62 of 64 values map onto the alphabet
                long bits = random.nextLong();
                for (int k = 0; k < 10 && i < buffer.length; k++, bits >>>= 6) {
                    int index = (int) (bits & 63);
                    if (index < ALPHANUMERIC.length) {
                        buffer[i++] = ALPHANUMERIC[index];
                    }
                }
            }
        }
    }

    /** DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ values between now minus max-past and now. */
    private static final class TemporalRandom extends ColumnGenerator {
        private final TypeKind kind;
        private final long maxPastMillis;

        TemporalRandom(SplittableRandom random, double nullRate, FieldSpec spec) {
            super(random, nullRate);
            this.kind = spec.type().kind();
            this.maxPastMillis = spec.maxPastMillis();
        }

        private long next(long nowMillis) {
            return maxPastMillis == 0 ? nowMillis : nowMillis - random.nextLong(maxPastMillis + 1);
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            for (int i = 0; i < count; i++) {
                long millis = next(nowMillis);
                switch (kind) {
                    case DATE -> ((DateDayVector) vector).set(offset + i, (int) Math.floorDiv(millis, MILLIS_PER_DAY));
                    case TIME -> ((TimeMilliVector) vector).set(offset + i, (int) Math.floorMod(millis, MILLIS_PER_DAY));
                    default -> ((TimeStampVector) vector).set(offset + i, millis);
                }
            }
        }
    }

    /** start + row for integer columns, and its decimal text for character columns. */
    private static final class IntegerSequence extends ColumnGenerator {
        private final long start;

        IntegerSequence(SplittableRandom random, double nullRate, FieldSpec spec) {
            super(random, nullRate);
            this.start = spec.start().longValueExact();
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            if (vector instanceof VarCharVector v) {
                for (int i = 0; i < count; i++) {
                    v.setSafe(offset + i, Long.toString(start + firstRow + i).getBytes(StandardCharsets.US_ASCII));
                }
                return;
            }
            if (vector instanceof BigIntVector v) {
                for (int i = 0; i < count; i++) {
                    v.set(offset + i, start + firstRow + i);
                }
                return;
            }
            for (int i = 0; i < count; i++) {
                setInteger(vector, offset + i, start + firstRow + i);
            }
        }
    }

    /** start + row for FLOAT, DOUBLE and DECIMAL columns. */
    private static final class DecimalSequence extends ColumnGenerator {
        private final BigDecimal start;

        DecimalSequence(SplittableRandom random, double nullRate, FieldSpec spec) {
            super(random, nullRate);
            this.start = spec.start();
        }

        @Override
        void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
            for (int i = 0; i < count; i++) {
                BigDecimal value = start.add(BigDecimal.valueOf(firstRow + i));
                if (vector instanceof DecimalVector v) {
                    v.set(offset + i, Decimals.rescale(value, v.getPrecision(), v.getScale()));
                } else if (vector instanceof Float8Vector v) {
                    v.set(offset + i, value.doubleValue());
                } else {
                    ((Float4Vector) vector).set(offset + i, value.floatValue());
                }
            }
        }
    }
}
