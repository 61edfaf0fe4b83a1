package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers one subtask's changes and writes them to PostgreSQL in one transaction per flush: when
 * {@code 'sink.buffer-flush.max-rows'} changes wait, every {@code 'sink.buffer-flush.interval'}
 * (from a timer thread), and at every commit point ({@link #prepareCommit}). Keyed, the buffer holds
 * the last change per key (a {@code -U} is dropped: its {@code +U} follows), so a flush upserts or
 * deletes each key once and is idempotent; unkeyed, it holds the rows to insert in order. A failed
 * flush is rolled back and retried on a new connection with backoff, up to {@code 'sink.max-retries'}.
 *
 * <p>Threading: {@link #write}, {@link #prepareCommit} and {@link #close} run on the subtask's
 * thread; the timer flushes under the same lock, and a failure it meets is thrown by the next call.
 */
final class JdbcSinkWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkWriter.class);

    private final ConnectionSettings settings;
    private final RowType schema;
    private final List<String> primaryKey;
    private final int[] keyIndexes;
    private final JdbcSink.WriteSettings write;
    private final String upsertSql;
    private final String deleteSql;
    private final Object lock = new Object();
    // @GuardedBy("lock"): keyed changes, the last per key; null row = delete
    private final Map<List<Object>, Object[]> changes = new LinkedHashMap<>();
    // @GuardedBy("lock"): unkeyed rows to insert
    private final List<Object[]> inserts = new ArrayList<>();
    // @GuardedBy("lock")
    private Connection connection;
    private final ScheduledExecutorService timer;
    private volatile RuntimeException timerFailure;
    private long flushes;
    private long retries;

    JdbcSinkWriter(ConnectionSettings settings, RowType schema, List<String> primaryKey, JdbcSink.WriteSettings write) {
        this.settings = requireNonNull(settings, "settings is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.primaryKey = List.copyOf(primaryKey);
        this.write = requireNonNull(write, "write is null");
        this.keyIndexes = primaryKey.stream().mapToInt(schema::indexOf).toArray();
        this.upsertSql = primaryKey.isEmpty() ? SqlStatements.insert(schema.names(), settings.tableName())
                : SqlStatements.upsert(schema.names(), primaryKey, settings.tableName());
        this.deleteSql = primaryKey.isEmpty() ? null : SqlStatements.delete(primaryKey, settings.tableName());
        long interval = write.flushInterval().toMillis();
        if (interval > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "jdbc-sink-flush-" + settings.tableName());
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::timedFlush, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    @Override
    public void write(VectorSchemaRoot batch) {
        throwTimerFailure();
        List<FieldVector> vectors = batch.getFieldVectors();
        boolean changelog = vectors.size() > schema.size()
                && vectors.get(vectors.size() - 1).getName().equals(RowKind.COLUMN_NAME);
        synchronized (lock) {
            for (int row = 0; row < batch.getRowCount(); row++) {
                RowKind kind = changelog
                        ? RowKind.fromByteValue(((Number) BatchValues.get(vectors.get(vectors.size() - 1), row)).byteValue())
                        : RowKind.INSERT;
                Object[] values = new Object[schema.size()];
                for (int column = 0; column < values.length; column++) {
                    values[column] = BatchValues.get(vectors.get(column), row);
                }
                add(kind, values);
            }
            if (write.maxRows() > 0 && size() >= write.maxRows()) {
                flush();
            }
        }
    }

    private void add(RowKind kind, Object[] values) {
        if (keyIndexes.length == 0) {
            if (kind.isAccumulate()) {
                inserts.add(values);
            }
            return;
        }
        if (kind == RowKind.UPDATE_BEFORE) {
            return;
        }
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[keyIndexes[i]];
        }
        List<Object> keyList = Arrays.asList(key);
        // re-insert so the map's order follows the latest change
        changes.remove(keyList);
        changes.put(keyList, kind == RowKind.DELETE ? null : values);
    }

    private int size() {
        return changes.size() + inserts.size();
    }

    @Override
    public List<Committable> prepareCommit() {
        throwTimerFailure();
        synchronized (lock) {
            flush();
        }
        return List.of();
    }

    private void timedFlush() {
        try {
            synchronized (lock) {
                flush();
            }
        } catch (RuntimeException e) {
            timerFailure = e;
            timer.shutdown();
        }
    }

    private void throwTimerFailure() {
        RuntimeException failure = timerFailure;
        if (failure != null) {
            throw failure;
        }
    }

    /** Writes the buffer in one transaction, retrying transient failures. Holds the lock. */
    private void flush() {
        if (size() == 0) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                if (connection == null || connection.isClosed()) {
                    connection = settings.open();
                    connection.setAutoCommit(false);
                }
                execute();
                connection.commit();
                flushes++;
                changes.clear();
                inserts.clear();
                return;
            } catch (SQLException e) {
                closeConnection();
                if (attempt >= write.maxRetries() || !Retries.isRetriable(e)) {
                    throw new WeirException(ErrorCode.CONNECTOR_ERROR, "Writing " + size() + " changes into table '"
                            + settings.tableName() + "' failed" + (attempt > 0 ? " after " + attempt + " retries" : "")
                            + ": " + Retries.describe(e), e);
                }
                retries++;
                var wait = Retries.backoff(attempt + 1);
                LOG.warn("Writing {} changes into table {} failed (SQLSTATE {}), retry {} of {} in {} ms: {}",
                        size(), settings.tableName(), e.getSQLState(), attempt + 1, write.maxRetries(),
                        wait.toMillis(), Retries.describe(e));
                Retries.sleep(wait);
            }
        }
    }

    private void execute() throws SQLException {
        if (keyIndexes.length == 0) {
            try (PreparedStatement insert = connection.prepareStatement(upsertSql)) {
                for (Object[] row : inserts) {
                    bindRow(insert, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql);
                PreparedStatement delete = connection.prepareStatement(deleteSql)) {
            boolean anyUpsert = false;
            boolean anyDelete = false;
            for (var change : changes.entrySet()) {
                if (change.getValue() == null) {
                    for (int i = 0; i < keyIndexes.length; i++) {
                        JdbcValues.bind(delete, i + 1, schema.type(keyIndexes[i]), change.getKey().get(i));
                    }
                    delete.addBatch();
                    anyDelete = true;
                } else {
                    bindRow(upsert, change.getValue());
                    upsert.addBatch();
                    anyUpsert = true;
                }
            }
            if (anyDelete) {
                delete.executeBatch();
            }
            if (anyUpsert) {
                upsert.executeBatch();
            }
        }
    }

    private void bindRow(PreparedStatement statement, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            JdbcValues.bind(statement, i + 1, schema.type(i), row[i]);
        }
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the connection to table {} failed", settings.tableName(), e);
        }
        connection = null;
    }

    /** Flushes done and retries made so far (for tests and logs). */
    long[] counters() {
        synchronized (lock) {
            return new long[] {flushes, retries};
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        synchronized (lock) {
            closeConnection();
            LOG.debug("Sink writer of table {} closed after {} flushes and {} retries", settings.tableName(),
                    flushes, retries);
        }
    }
}
