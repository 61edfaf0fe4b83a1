package io.weir.server.pgwire;

import io.weir.spi.type.RowType;

/**
 * Receives the results of the statements of one Query message, in statement order.
 *
 * <p>Called only by the thread running {@link PgSession#executeSimpleQuery}. For each statement
 * call exactly one of {@link #command}, {@link #beginRows} (then {@link RowWriter#end}) or
 * {@link #emptyQuery}.
 */
public interface ResultSink {
    /** A statement that returns no rows completed: tag is the CommandComplete text, e.g. "CREATE TABLE", "SET", "INSERT 0 42". */
    void command(String tag);

    /**
     * A statement returning rows: columns first, then every row (Object[] of Java values per the
     * TypeKind convention), then the tag (e.g. "SELECT 3", "SHOW"). Rows may be written while the
     * query still runs; {@link RowWriter#row} blocks (back-pressure) while the client is slow.
     */
    RowWriter beginRows(RowType columns);

    /** A NOTICE for the client, sent before the statement's result ends; ignored by default. */
    default void notice(String message) {
    }

    /** The statement was empty (for example only a comment). */
    void emptyQuery();
}
