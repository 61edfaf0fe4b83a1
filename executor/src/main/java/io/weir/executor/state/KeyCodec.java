package io.weir.executor.state;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes an operator's key (the Java values of its key columns, bytes held as {@link ByteBuffer}),
 * or any list of such values (an accumulator's state, a stored row, with ARRAY/MULTISET values as
 * lists and MAP values as maps in their order), into compact bytes and back: a tag per value, then
 * the value. Equal keys give equal bytes, so the
 * bytes address state directly. Stateless and thread-safe.
 */
public final class KeyCodec implements StateCodec<List<Object>> {
    public static final KeyCodec INSTANCE = new KeyCodec();

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte FLOAT = 6;
    private static final byte DOUBLE = 7;
    private static final byte DECIMAL = 8;
    private static final byte STRING = 9;
    private static final byte BYTES = 10;
    private static final byte RAW_BYTES = 11;
    private static final byte LIST = 12;
    private static final byte MAP = 13;

    private KeyCodec() {
    }

    @Override
    public byte[] encode(List<Object> key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + key.size() * 9);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Object value : key) {
                write(out, value);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (value instanceof byte[] raw) {
            out.writeByte(RAW_BYTES);
            out.writeInt(raw.length);
            out.write(raw);
        } else if (value instanceof ByteBuffer b) {
            out.writeByte(BYTES);
            byte[] copy = new byte[b.remaining()];
            b.duplicate().get(copy);
            out.writeInt(copy.length);
            out.write(copy);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey());
                write(out, entry.getValue());
            }
        } else {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: a key value of type "
                    + value.getClass().getName() + " cannot be stored in a state backend");
        }
    }

    @Override
    public List<Object> decode(byte[] bytes) {
        List<Object> values = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            while (in.available() > 0) {
                values.add(read(in));
            }
        } catch (IOException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: a stored key is corrupt: " + e, e);
        }
        return Arrays.asList(values.toArray());
    }

    private static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> in.readBoolean();
            case BYTE -> in.readByte();
            case SHORT -> in.readShort();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(in.readNBytes(in.readInt())), scale);
            }
            case STRING -> new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            case BYTES -> ByteBuffer.wrap(in.readNBytes(in.readInt()));
            case RAW_BYTES -> in.readNBytes(in.readInt());
            case LIST -> {
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(in));
                }
                yield list;
            }
            case MAP -> {
                int size = in.readInt();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    map.put(read(in), read(in));
                }
                yield map;
            }
            default -> throw new IOException("unknown tag " + tag);
        };
    }
}
