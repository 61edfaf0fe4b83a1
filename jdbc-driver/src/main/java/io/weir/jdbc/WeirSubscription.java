package io.weir.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SUBSCRIBE read through JDBC as an iterator of changes: each {@link Change} is a row kind
 * ({@code +I}, {@code -U}, {@code +U}, {@code -D}) and the row's values. Under the hood it declares a
 * cursor over {@code SUBSCRIBE TO …} in a transaction and fetches from it; {@link #hasNext()} waits
 * until a change is there, as the server's FETCH does. Closing it closes the cursor and ends the
 * transaction. Not thread-safe; the connection must not be used for anything else meanwhile.
 *
 * <pre>{@code
 * try (WeirSubscription changes = WeirSubscription.open(connection, "(SELECT id, total FROM orders_by_day)")) {
 *     while (changes.hasNext()) {
 *         WeirSubscription.Change change = changes.next();
 *         System.out.println(change.kind() + " " + change.values());
 *     }
 * }
 * }</pre>
 */
public final class WeirSubscription implements Iterator<WeirSubscription.Change>, AutoCloseable {
    private static final AtomicInteger CURSORS = new AtomicInteger();

    /** One change: its row kind, when it happened in Weir (null if the server did not say), and the subscribed columns' values, in order. */
    public record Change(String kind, java.time.Instant changedAt, List<Object> values) {
    }

    private final Connection connection;
    private final String cursor;
    private final int batch;
    private final boolean autoCommit;
    private final ArrayDeque<Change> buffered = new ArrayDeque<>();
    private List<String> columns;
    private boolean closed;

    private WeirSubscription(Connection connection, String cursor, int batch, boolean autoCommit) {
        this.connection = connection;
        this.cursor = cursor;
        this.batch = batch;
        this.autoCommit = autoCommit;
    }

    /** Subscribes to {@code target}: a relation's name or a parenthesized query; fetches up to 100 changes at a time. */
    public static WeirSubscription open(Connection connection, String target) throws SQLException {
        return open(connection, target, 100);
    }

    public static WeirSubscription open(Connection connection, String target, int fetchSize) throws SQLException {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be at least 1, not " + fetchSize);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        String cursor = "weir_subscription_" + CURSORS.incrementAndGet();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DECLARE " + cursor + " CURSOR FOR SUBSCRIBE TO " + target);
        } catch (SQLException e) {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
            throw e;
        }
        return new WeirSubscription(connection, cursor, fetchSize, autoCommit);
    }

    /** The subscribed columns (without the row kind), known after the first fetch. */
    public List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    @Override
    public boolean hasNext() {
        while (buffered.isEmpty()) {
            if (closed) {
                return false;
            }
            try {
                if (!fetch()) {
                    return false;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("FETCH from the subscription failed: " + e.getMessage(), e);
            }
        }
        return true;
    }

    @Override
    public Change next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffered.poll();
    }

    /** Fetches the next changes; false when the subscription ended (a bounded query finished). */
    private boolean fetch() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("FETCH " + batch + " " + cursor)) {
            ResultSetMetaData meta = rows.getMetaData();
            int opColumn = -1;
            int timeColumn = -1;
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (opColumn < 0 && meta.getColumnName(i).equals("op")) {
                    opColumn = i;
                } else if (timeColumn < 0 && meta.getColumnName(i).equals("changed_at")) {
                    timeColumn = i;
                } else {
                    names.add(meta.getColumnName(i));
                }
            }
            columns = List.copyOf(names);
            int count = 0;
            while (rows.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (i != opColumn && i != timeColumn) {
                        values.add(rows.getObject(i));
                    }
                }
                java.sql.Timestamp changedAt = timeColumn < 0 ? null : rows.getTimestamp(timeColumn);
                buffered.add(new Change(opColumn < 0 ? "+I" : rows.getString(opColumn),
                        changedAt == null ? null : changedAt.toInstant(), values));
                count++;
            }
            return count > 0;
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CLOSE " + cursor);
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }
}
