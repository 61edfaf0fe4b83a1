package io.weir.server.session;

import io.weir.executor.JobStatus;
import io.weir.parser.ParsedStatement;
import io.weir.parser.tcl.SqlTransactionStatement;
import io.weir.server.pgwire.PgPortal;
import io.weir.server.pgwire.ResultSink;
import io.weir.server.pgwire.RowWriter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * A bound statement of the extended protocol, started on first use. A query is planned and
 * submitted, and its rows are pulled from the job as Execute asks for them, so the job runs (and
 * back-pressure holds it) between Executes; every other statement runs at once through
 * {@link StatementRunner} into a buffer that Execute then reads.
 *
 * <p>An INSERT that does not wait for its job reports the job id in a NOTICE rather than as a row,
 * so that drivers' executeUpdate and batches see no result set. Session thread only.
 */
final class Portal implements PgPortal {
    private final PreparedStatement.Context context;
    private final ParsedStatement statement;
    private final String text;

    private boolean started;
    private boolean closed;
    private RowType columns;
    // a query's open job, or null
    private StatementRunner.OpenQuery query;
    // the buffered result of any other statement
    private List<Object[]> rows = new ArrayList<>();
    private int position;
    private String tag = "";
    private final List<String> notices = new ArrayList<>();

    Portal(PreparedStatement.Context context, ParsedStatement statement, String text) {
        this.context = context;
        this.statement = statement;
        this.text = text;
    }

    /** A portal over an empty statement: no rows and an empty tag. */
    static Portal empty() {
        Portal portal = new Portal(null, null, "");
        portal.started = true;
        return portal;
    }

    @Override
    public Optional<RowType> columns() {
        start();
        return Optional.ofNullable(columns);
    }

    @Override
    public boolean fetch(long maxRows, Consumer<Object[]> consumer) {
        start();
        long limit = maxRows <= 0 ? Long.MAX_VALUE : maxRows;
        if (query == null) {
            long sent = 0;
            while (position < rows.size() && sent < limit) {
                consumer.accept(rows.get(position++));
                sent++;
            }
            return position >= rows.size();
        }
        SessionState state = context.state();
        state.clearCancel();
        state.setRunning(query.job().handle());
        try {
            long sent = 0;
            while (sent < limit) {
                if (!query.results().hasNext()) {
                    if (query.job().handle().status() == JobStatus.CANCELED || state.isCancelled()) {
                        throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
                    }
                    return true;
                }
                consumer.accept(query.results().next());
                sent++;
            }
            // like PostgreSQL, no look-ahead: a streaming query might wait long for its next row
            return false;
        } finally {
            state.setRunning(null);
        }
    }

    @Override
    public String completionTag(long rowsInLastFetch) {
        if (query != null || tag.startsWith("SELECT ")) {
            return "SELECT " + rowsInLastFetch;
        }
        return tag;
    }

    @Override
    public List<String> takeNotices() {
        List<String> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (query != null) {
            query.results().close();
        }
        rows = List.of();
    }

    private void start() {
        if (started) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("portal is closed");
        }
        started = true;
        // a cancel meant for an earlier statement must not stop this one
        context.state().clearCancel();
        SqlNode node = statement.node();
        context.transactions().checkAllowed(node);
        Buffer buffer = new Buffer(node instanceof SqlInsert);
        if (node instanceof SqlTransactionStatement control) {
            context.transactions().run(control, buffer);
        } else if (node.getKind().belongsTo(SqlKind.QUERY)) {
            query = context.runner().openQuery(node, statement, text, context.state());
            columns = query.columns();
        } else {
            context.runner().run(statement, text, context.state(), buffer);
        }
    }

    /** Collects a non-query statement's result. */
    private final class Buffer implements ResultSink {
        private final boolean insert;

        Buffer(boolean insert) {
            this.insert = insert;
        }

        @Override
        public void command(String commandTag) {
            tag = commandTag;
        }

        @Override
        public RowWriter beginRows(RowType resultColumns) {
            if (!insert) {
                columns = resultColumns;
            }
            return new RowWriter() {
                @Override
                public void row(Object[] values) {
                    if (insert) {
                        notices.add("INSERT runs as job " + values[0] + "; SHOW JOBS shows its progress");
                    } else {
                        rows.add(values);
                    }
                }

                @Override
                public void end(String commandTag) {
                    tag = commandTag;
                }
            };
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }

        @Override
        public void emptyQuery() {
            tag = "";
        }
    }
}
