package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * A jar of user-defined functions carried inside a {@link JobGraph}, so that a worker in another
 * process can load the classes without seeing the file the function was created from.
 *
 * @param id the SHA-256 of the bytes, in hex
 * @param uri where the jar was read from, for messages
 */
public record FunctionJar(String id, String uri, byte[] bytes) implements Serializable {
    public FunctionJar {
        requireNonNull(id, "id is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(bytes, "bytes is null");
    }

    @Override
    public String toString() {
        return "FunctionJar[" + uri + ", " + bytes.length + " bytes]";
    }
}
