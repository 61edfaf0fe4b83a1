package io.weir.server.pgwire;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import java.util.List;
import java.util.Map;

/**
 * One client connection's engine session. Used by one thread at a time, except {@link #cancel()}.
 *
 * <p>The pgwire front end calls {@link #executeSimpleQuery}, {@link #prepare} (and the methods of
 * what it returns) and {@link #close()} on a session thread
 * (never on a Netty event loop), one call at a time and in the order the client sent its messages;
 * {@link #cancel()} may come from any thread at any time.
 */
public interface PgSession extends AutoCloseable {
    /**
     * Runs the statements of one Query message in order. Each statement's result is handed to sink
     * as soon as it is ready; the first failure is thrown as WeirException (its position, if any, is
     * the 1-based character offset into sql) and the remaining statements are not run.
     *
     * <p>A statement that calls nothing on the sink is fine; when no statement produced anything,
     * the client gets an EmptyQueryResponse. Any other exception is reported as an internal error
     * (XX000) and logged; the connection stays open.
     */
    void executeSimpleQuery(String sql, ResultSink sink);

    /**
     * A CancelRequest for this session arrived (any thread): make the running statement fail with
     * ErrorCode.QUERY_CANCELED soon. No effect when idle. Also called when the client's connection
     * drops while a statement runs.
     */
    void cancel();

    /**
     * Parse of the extended query protocol: analyses one statement whose parameters are written
     * {@code $1}, {@code $2}, ... {@code declaredTypes} has the types the client declared, by
     * parameter number, with {@code null} for "infer from the statement"; parameters beyond its
     * size are inferred too. Throws WeirException when the statement does not parse or validate.
     */
    default PgPreparedStatement prepare(String sql, List<DataType> declaredTypes) {
        throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "extended query protocol is not supported yet; "
                + "use the simple query protocol (PostgreSQL JDBC: preferQueryMode=simple)");
    }

    /**
     * The transaction status for ReadyForQuery: 'I' idle (autocommit), 'T' in a transaction block,
     * 'E' in a failed transaction block.
     */
    default char transactionStatus() {
        return 'I';
    }

    /**
     * A statement failed (its ErrorResponse was sent): a transaction block becomes failed ('E')
     * until ROLLBACK. No effect outside a block.
     */
    default void failTransaction() {
    }

    /** Parameters to report in ParameterStatus after startup, in addition to the standard ones (may be empty). */
    default Map<String, String> parameterStatus() {
        return Map.of();
    }

    /** Releases the session; called once, after the last statement finished, when the connection ends. */
    @Override
    void close();
}
