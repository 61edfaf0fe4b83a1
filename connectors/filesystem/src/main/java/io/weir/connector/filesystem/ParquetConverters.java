package io.weir.connector.filesystem;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet converters that turn the values of a file into Weir's Java value convention (see
 * {@link TypeKind}) for a column's declared type, accepting the encodings other writers use, not
 * only Weir's own: DECIMAL over INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY; TIMESTAMP in millis,
 * micros or nanos (and legacy INT96); TIME in millis, micros or nanos; three-level and legacy
 * two-level LISTs; MAPs as repeated key_value groups; ROWs by field name. A declared type the file's
 * column cannot hold fails with BAD_RECORD naming the column. Not thread-safe; one tree per file.
 */
final class ParquetConverters {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** The Julian day of 1970-01-01, for INT96 timestamps. */
    private static final long EPOCH_JULIAN_DAY = 2_440_588L;

    private ParquetConverters() {
    }

    /** A converter for a file column of Parquet type {@code parquet} read as {@code type}; values go to {@code sink}. */
    static Converter of(String file, String column, DataType type, Type parquet, Consumer<Object> sink) {
        return switch (type.kind()) {
            case ARRAY -> list(file, column, type.children().get(0).type(), group(file, column, type, parquet), sink);
            case MAP -> map(file, column, type, group(file, column, type, parquet), sink);
            case ROW -> new RowConverter(file, column, type.children(), group(file, column, type, parquet), sink);
            default -> {
                if (!parquet.isPrimitive()) {
                    throw mismatch(file, column, type, parquet);
                }
                yield primitive(file, column, type, parquet.asPrimitiveType(), sink);
            }
        };
    }

    private static GroupType group(String file, String column, DataType type, Type parquet) {
        if (parquet.isPrimitive()) {
            throw mismatch(file, column, type, parquet);
        }
        return parquet.asGroupType();
    }

    static WeirException mismatch(String file, String column, DataType type, Type parquet) {
        return new WeirException(ErrorCode.BAD_RECORD, "Column '" + column + "' is declared " + type
                + " but file " + file + " holds it as Parquet " + parquet.toString().trim());
    }

    /** A LIST: {@code group (LIST) { repeated group list { element } }} or a legacy repeated field. */
    private static Converter list(String file, String column, DataType element, GroupType parquet,
            Consumer<Object> sink) {
        Type repeated = parquet.getType(0);
        boolean threeLevel = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                && !repeated.getName().equals("array") && !repeated.getName().endsWith("_tuple");
        return new GroupConverter() {
            private List<Object> values;
            private final Converter child = threeLevel
                    ? new ElementConverter(of(file, column, element, repeated.asGroupType().getType(0), v -> slot = v))
                    : of(file, column, element, repeated, v -> values.add(v));
            private Object slot;

            /** The repeated middle group: one element (or NULL) per occurrence. */
            final class ElementConverter extends GroupConverter {
                private final Converter inner;

                ElementConverter(Converter inner) {
                    this.inner = inner;
                }

                @Override
                public Converter getConverter(int fieldIndex) {
                    return inner;
                }

                @Override
                public void start() {
                    slot = null;
                }

                @Override
                public void end() {
                    values.add(slot);
                }
            }

            @Override
            public Converter getConverter(int fieldIndex) {
                return child;
            }

            @Override
            public void start() {
                values = new ArrayList<>();
            }

            @Override
            public void end() {
                sink.accept(values);
            }
        };
    }

    /** A MAP: {@code group (MAP) { repeated group key_value { key; value } }}. */
    private static Converter map(String file, String column, DataType type, GroupType parquet, Consumer<Object> sink) {
        GroupType entry = parquet.getType(0).isPrimitive() ? null : parquet.getType(0).asGroupType();
        if (entry == null || entry.getFieldCount() != 2) {
            throw mismatch(file, column, type, parquet);
        }
        return new GroupConverter() {
            private Map<Object, Object> entries;
            private final Object[] pair = new Object[2];
            private final Converter key = of(file, column, type.children().get(0).type(), entry.getType(0),
                    v -> pair[0] = v);
            private final Converter value = of(file, column, type.children().get(1).type(), entry.getType(1),
                    v -> pair[1] = v);
            private final GroupConverter entryConverter = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return fieldIndex == 0 ? key : value;
                }

                @Override
                public void start() {
                    Arrays.fill(pair, null);
                }

                @Override
                public void end() {
                    entries.put(pair[0], pair[1]);
                }
            };

            @Override
            public Converter getConverter(int fieldIndex) {
                return entryConverter;
            }

            @Override
            public void start() {
                entries = new LinkedHashMap<>();
            }

            @Override
            public void end() {
                sink.accept(entries);
            }
        };
    }

    /**
     * A group read as a ROW (or, at the top, the whole record): each Weir field takes the Parquet
     * field of the same name (exactly, else ignoring case); one the file lacks is NULL.
     */
    static final class RowConverter extends GroupConverter {
        private final Object[] values;
        private final Converter[] children;
        private final Consumer<Object> sink;

        RowConverter(String file, String column, List<Field> fields, GroupType parquet, Consumer<Object> sink) {
            this.values = new Object[fields.size()];
            this.children = new Converter[parquet.getFieldCount()];
            this.sink = sink;
            for (int i = 0; i < fields.size(); i++) {
                Field field = fields.get(i);
                int index = fieldIndex(parquet, field.name());
                if (index >= 0) {
                    int slot = i;
                    String name = column == null ? field.name() : column + "." + field.name();
                    children[index] = of(file, name, field.type(), parquet.getType(index), v -> values[slot] = v);
                }
            }
        }

        /** The index of the Parquet field named {@code name}, or -1. */
        static int fieldIndex(GroupType parquet, String name) {
            if (parquet.containsField(name)) {
                return parquet.getFieldIndex(name);
            }
            for (int i = 0; i < parquet.getFieldCount(); i++) {
                if (parquet.getType(i).getName().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        /** The values of the record just read (reused: copy before the next record). */
        Object[] values() {
            return values;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            Arrays.fill(values, null);
        }

        @Override
        public void end() {
            if (sink != null) {
                sink.accept(Arrays.asList(values.clone()));
            }
        }
    }

    private static Converter primitive(String file, String column, DataType type, PrimitiveType parquet,
            Consumer<Object> sink) {
        LogicalTypeAnnotation logical = parquet.getLogicalTypeAnnotation();
        PrimitiveType.PrimitiveTypeName physical = parquet.getPrimitiveTypeName();
        switch (type.kind()) {
            case BOOLEAN:
                if (physical == PrimitiveType.PrimitiveTypeName.BOOLEAN) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBoolean(boolean value) {
                            sink.accept(value);
                        }
                    };
                }
                break;
            case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE:
                if (physical == PrimitiveType.PrimitiveTypeName.INT32 || physical == PrimitiveType.PrimitiveTypeName.INT64
                        || physical == PrimitiveType.PrimitiveTypeName.FLOAT
                        || physical == PrimitiveType.PrimitiveTypeName.DOUBLE) {
                    return numeric(type.kind(), sink);
                }
                break;
            case DECIMAL:
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                    return decimal(decimal.getScale(), sink);
                }
                break;
            case CHAR, STRING:
                if (physical == PrimitiveType.PrimitiveTypeName.BINARY
                        || physical == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary value) {
                            sink.accept(value.toStringUsingUTF8());
                        }
                    };
                }
                break;
            case BYTES:
                if (physical == PrimitiveType.PrimitiveTypeName.BINARY
                        || physical == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary value) {
                            sink.accept(value.getBytes());
                        }
                    };
                }
                break;
            case DATE:
                if (physical == PrimitiveType.PrimitiveTypeName.INT32) {
                    return numeric(TypeKind.INT, sink);
                }
                break;
            case TIME:
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
                    long divisor = divisorToMillis(time.getUnit());
                    return new PrimitiveConverter() {
                        @Override
                        public void addInt(int value) {
                            sink.accept((int) (value / divisor));
                        }

                        @Override
                        public void addLong(long value) {
                            sink.accept((int) (value / divisor));
                        }
                    };
                }
                break;
            case TIMESTAMP, TIMESTAMP_LTZ:
                if (physical == PrimitiveType.PrimitiveTypeName.INT96) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary value) {
                            ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                            long nanosOfDay = bytes.getLong();
                            long julianDay = bytes.getInt() & 0xFFFFFFFFL;
                            sink.accept((julianDay - EPOCH_JULIAN_DAY) * MILLIS_PER_DAY
                                    + Math.floorDiv(nanosOfDay, 1_000_000L));
                        }
                    };
                }
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
                    long divisor = divisorToMillis(timestamp.getUnit());
                    return new PrimitiveConverter() {
                        @Override
                        public void addLong(long value) {
                            sink.accept(Math.floorDiv(value, divisor));
                        }
                    };
                }
                break;
            default:
                break;
        }
        throw mismatch(file, column, type, parquet);
    }

    private static long divisorToMillis(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 1;
            case MICROS -> 1_000;
            case NANOS -> 1_000_000;
        };
    }

    /** Integers and floating point numbers in the Java class of {@code kind} (a file may hold a wider type). */
    private static PrimitiveConverter numeric(TypeKind kind, Consumer<Object> sink) {
        return new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                sink.accept(convert(value));
            }

            @Override
            public void addLong(long value) {
                sink.accept(convert(value));
            }

            @Override
            public void addFloat(float value) {
                sink.accept(convert(value));
            }

            @Override
            public void addDouble(double value) {
                sink.accept(convert(value));
            }

            private Object convert(Number value) {
                return switch (kind) {
                    case TINYINT -> value.byteValue();
                    case SMALLINT -> value.shortValue();
                    case INT -> value.intValue();
                    case BIGINT -> value.longValue();
                    case FLOAT -> value.floatValue();
                    default -> value.doubleValue();
                };
            }
        };
    }

    private static PrimitiveConverter decimal(int scale, Consumer<Object> sink) {
        return new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                sink.accept(BigDecimal.valueOf(value, scale));
            }

            @Override
            public void addLong(long value) {
                sink.accept(BigDecimal.valueOf(value, scale));
            }

            @Override
            public void addBinary(Binary value) {
                sink.accept(new BigDecimal(new BigInteger(value.getBytes()), scale));
            }
        };
    }
}
