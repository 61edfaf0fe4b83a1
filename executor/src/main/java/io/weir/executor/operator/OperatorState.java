package io.weir.executor.operator;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Java serialization of an operator's heap state for checkpoints: the state's classes are the
 * executor's own (accumulators, groups, windows), so the bytes are only read back by the same build.
 * A state that holds a value that cannot be serialized fails the checkpoint with a clear message.
 */
final class OperatorState {
    private OperatorState() {
    }

    static byte[] serialize(Serializable state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot snapshot operator state: " + e, e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] state) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot restore operator state: " + e, e);
        }
    }
}
