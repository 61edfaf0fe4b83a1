package io.weir.server.session;

import io.weir.parser.tcl.SqlTransactionStatement;
import io.weir.server.pgwire.ResultSink;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;

/**
 * A session's transaction block as PostgreSQL clients see it: BEGIN opens it, COMMIT and ROLLBACK
 * end it, and a failed statement inside it makes every further statement fail until ROLLBACK.
 *
 * <p>Weir's statements are not transactional: DDL, SET and jobs take effect when they run, and
 * ROLLBACK does not undo them (BEGIN says so in a NOTICE). The block only scopes portals and
 * reports the status of ReadyForQuery; cursors ({@code DECLARE}) live until it ends. Session
 * thread only.
 */
final class TransactionBlock {
    static final String NOT_TRANSACTIONAL = "Weir statements are not transactional: DDL, SET and jobs take effect "
            + "as they run, and ROLLBACK does not undo them";

    private char status = 'I';
    // cursors live until the block ends, as PostgreSQL's WITHOUT HOLD cursors do
    private final Map<String, Subscription> cursors = new HashMap<>();

    /** Opens cursor {@code name}; only inside a block. */
    void declare(String name, java.util.function.Supplier<Subscription> open) {
        if (status == 'I') {
            throw new WeirException(ErrorCode.NO_ACTIVE_SQL_TRANSACTION,
                    "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (cursors.containsKey(name)) {
            throw new WeirException(ErrorCode.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        cursors.put(name, open.get());
    }

    /** The open cursor {@code name}. */
    Subscription cursor(String name) {
        Subscription cursor = cursors.get(name);
        if (cursor == null) {
            throw new WeirException(ErrorCode.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return cursor;
    }

    /** Closes cursor {@code name}, or every cursor when empty. */
    void close(java.util.Optional<String> name) {
        if (name.isPresent()) {
            cursor(name.get()).close();
            cursors.remove(name.get());
            return;
        }
        closeAll();
    }

    /** Closes every cursor (the block ended, or the session did). */
    void closeAll() {
        cursors.values().forEach(Subscription::close);
        cursors.clear();
    }

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    char status() {
        return status;
    }

    /** A statement failed: a block becomes failed. */
    void fail() {
        if (status == 'T') {
            status = 'E';
        }
    }

    /** Throws 25P02 when the block failed and {@code statement} is not COMMIT or ROLLBACK. */
    void checkAllowed(SqlNode statement) {
        if (status == 'E' && !(statement instanceof SqlTransactionStatement control && endsBlock(control))) {
            throw new WeirException(ErrorCode.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** Runs a transaction control statement and reports its tag (and a NOTICE or WARNING, as PostgreSQL does). */
    void run(SqlTransactionStatement statement, ResultSink sink) {
        SqlTransactionStatement.Kind kind = statement.kind();
        if (kind.begins()) {
            if (status != 'I') {
                sink.notice("there is already a transaction in progress");
            } else {
                sink.notice(NOT_TRANSACTIONAL);
            }
            status = status == 'I' ? 'T' : status;
            sink.command(kind.tag());
        } else if (kind == SqlTransactionStatement.Kind.SET_TRANSACTION) {
            sink.command(kind.tag());
        } else {
            if (status == 'I') {
                sink.notice("there is no transaction in progress");
            }
            boolean failed = status == 'E';
            status = 'I';
            closeAll();
            sink.command(failed || kind == SqlTransactionStatement.Kind.ROLLBACK ? "ROLLBACK" : kind.tag());
        }
    }

    private static boolean endsBlock(SqlTransactionStatement statement) {
        return statement.kind() != SqlTransactionStatement.Kind.SET_TRANSACTION && !statement.kind().begins();
    }
}
