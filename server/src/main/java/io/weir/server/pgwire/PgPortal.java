package io.weir.server.pgwire;

import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine side of a portal: a bound statement whose result is read in steps by Execute.
 *
 * <p>The statement starts on the first call of {@link #columns()} or {@link #fetch}; a query
 * keeps its job running between fetches until the result is exhausted or {@link #close()} is
 * called. Called only by the connection's session thread; {@link #close()} is idempotent.
 */
public interface PgPortal extends AutoCloseable {
    /** The columns of the rows, or empty when the statement returns none (starts the statement). */
    Optional<RowType> columns();

    /**
     * Hands up to {@code maxRows} rows ({@code maxRows <= 0}: all) to {@code rows}, in order, and
     * returns whether the result is complete. {@code rows} may block (client back-pressure) or throw
     * to stop (cancel, disconnect).
     */
    boolean fetch(long maxRows, Consumer<Object[]> rows);

    /**
     * The CommandComplete tag once {@link #fetch} returned true: {@code rowsInLastFetch} is the
     * number of rows that Execute sent, e.g. "SELECT 10".
     */
    String completionTag(long rowsInLastFetch);

    /** Notices the statement raised since the last call (e.g. the id of a submitted job). */
    List<String> takeNotices();

    /** Stops the statement's job if it still runs and releases the portal. */
    @Override
    void close();
}
