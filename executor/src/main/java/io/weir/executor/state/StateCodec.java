package io.weir.executor.state;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * Turns a state value into bytes and back, for backends that store bytes (RocksDB) and for
 * snapshots. Implementations are stateless and thread-safe.
 */
public interface StateCodec<T> {
    byte[] encode(T value);

    T decode(byte[] bytes);

    /** Java serialization: for the executor's own Serializable state classes (accumulators). */
    static <T extends Serializable> StateCodec<T> java() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(T value) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(value);
                } catch (IOException e) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot serialize operator state: " + e, e);
                }
                return bytes.toByteArray();
            }

            @Override
            @SuppressWarnings("unchecked")
            public T decode(byte[] bytes) {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                    return (T) in.readObject();
                } catch (IOException | ClassNotFoundException e) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot read operator state: " + e, e);
                }
            }
        };
    }

    /** Longs as 8 big-endian bytes with the sign bit flipped, so byte order is numeric order. */
    StateCodec<Long> LONG = new StateCodec<>() {
        @Override
        public byte[] encode(Long value) {
            return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
        }

        @Override
        public Long decode(byte[] bytes) {
            return ByteBuffer.wrap(bytes).getLong() ^ Long.MIN_VALUE;
        }
    };
}
