package io.weir.server.pgwire;

/**
 * Writes the rows of one statement's result to the client.
 *
 * <p>{@link #row} blocks while the connection's outbound buffer is full (the client reads slowly),
 * and throws {@link io.weir.spi.error.WeirException} with {@code QUERY_CANCELED} when the query
 * was cancelled or the client disconnected, so a producer loop stops there. Called only by the
 * thread running {@link PgSession#executeSimpleQuery}.
 */
public interface RowWriter {
    /** Sends one row: one Java value per column (TypeKind convention), {@code null} for SQL NULL. */
    void row(Object[] values);

    /** Ends the result with the CommandComplete tag, e.g. "SELECT 3". */
    void end(String tag);
}
