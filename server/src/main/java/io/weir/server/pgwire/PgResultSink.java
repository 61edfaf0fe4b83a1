package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ResultSink} of one Query message: turns results into RowDescription, DataRow,
 * CommandComplete and EmptyQueryResponse messages on the connection. Used only by the session
 * thread running the query.
 */
final class PgResultSink implements ResultSink {
    private final PgConnectionHandler connection;
    private boolean sentAnything;

    PgResultSink(PgConnectionHandler connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    /** Whether any statement produced a response; if none did the query gets an EmptyQueryResponse. */
    boolean sentAnything() {
        return sentAnything;
    }

    @Override
    public void command(String tag) {
        requireNonNull(tag, "tag is null");
        connection.checkRunnable();
        sentAnything = true;
        connection.send(new BackendMessage.CommandComplete(tag));
    }

    @Override
    public RowWriter beginRows(RowType columns) {
        requireNonNull(columns, "columns is null");
        connection.checkRunnable();
        sentAnything = true;
        List<BackendMessage.Column> description = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            description.add(new BackendMessage.Column(columns.field(i).name(), PgColumnType.of(columns.type(i))));
        }
        connection.send(new BackendMessage.RowDescription(description));
        return new Writer(columns);
    }

    @Override
    public void notice(String message) {
        requireNonNull(message, "message is null");
        connection.send(PgErrors.notice(message));
    }

    @Override
    public void emptyQuery() {
        sentAnything = true;
        connection.send(new BackendMessage.EmptyQueryResponse());
    }

    /** Formats each row as text and sends it, waiting while the client is slow. */
    private final class Writer implements RowWriter {
        private final RowType columns;
        private long rows;
        private boolean ended;

        Writer(RowType columns) {
            this.columns = columns;
        }

        @Override
        public void row(Object[] values) {
            requireNonNull(values, "values is null");
            if (ended) {
                throw new IllegalStateException("row() after end()");
            }
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row has " + values.length + " values but the result has "
                        + columns.size() + " columns");
            }
            connection.checkRunnable();
            byte[][] encoded = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                String text = PgTextFormat.format(values[i], columns.type(i));
                encoded[i] = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
            }
            connection.sendRow(new BackendMessage.DataRow(encoded));
            rows++;
        }

        @Override
        public void end(String tag) {
            requireNonNull(tag, "tag is null");
            if (ended) {
                throw new IllegalStateException("end() called twice");
            }
            ended = true;
            connection.send(new BackendMessage.CommandComplete(tag));
        }

        @Override
        public String toString() {
            return "RowWriter[" + rows + " rows]";
        }
    }
}
