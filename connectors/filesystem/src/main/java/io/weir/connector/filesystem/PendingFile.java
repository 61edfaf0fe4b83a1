package io.weir.connector.filesystem;

import io.weir.spi.connector.Committable;

/** A finished part file waiting at its hidden {@code inProgressPath} to be renamed to {@code finalPath}. */
record PendingFile(String inProgressPath, String finalPath) implements Committable {
}
