package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one {@link JdbcSplit} through a streaming cursor: autocommit off and a fetch size, so
 * PostgreSQL sends {@code 'scan.fetch-size'} rows per round trip instead of the whole result at
 * once. Single-threaded (the subtask's). Not resumable: after a failure its split is read again.
 */
final class JdbcSplitReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSplitReader.class);

    private final ConnectionSettings settings;
    private final RowType schema;
    private final JdbcSplit split;
    private final int fetchSize;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private long rowsRead;
    private boolean done;

    JdbcSplitReader(ConnectionSettings settings, RowType schema, JdbcSplit split, int fetchSize) {
        this.settings = requireNonNull(settings, "settings is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.split = requireNonNull(split, "split is null");
        this.fetchSize = fetchSize;
    }

    @Override
    public ReadStatus read(BatchBuilder out) {
        if (done) {
            return ReadStatus.END;
        }
        try {
            if (rows == null) {
                open();
            }
            Object[] row = new Object[schema.size()];
            while (!out.isFull()) {
                if (!rows.next()) {
                    LOG.debug("Split {} of table {}: {} rows", split.splitId(), settings.tableName(), rowsRead);
                    closeQuietly();
                    done = true;
                    return ReadStatus.END;
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] = JdbcValues.read(rows, i + 1, schema.type(i));
                }
                out.append(row);
                rowsRead++;
            }
            return ReadStatus.MORE;
        } catch (SQLException e) {
            throw new WeirException(ErrorCode.CONNECTOR_ERROR, "Reading table '" + settings.tableName()
                    + "' from PostgreSQL failed (split " + split.splitId() + "): " + e.getMessage(), e);
        }
    }

    private void open() throws SQLException {
        connection = settings.open();
        // PgJDBC streams with a cursor only outside autocommit
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        String sql = SqlStatements.select(schema.names(), settings.tableName(), split.where());
        statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        for (int i = 0; i < split.parameters().size(); i++) {
            statement.setObject(i + 1, split.parameters().get(i));
        }
        LOG.debug("Reading split {}: {}", split.splitId(), sql);
        rows = statement.executeQuery();
    }

    private void closeQuietly() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
            if (connection != null) {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing the connection of split {} failed", split.splitId(), e);
        } finally {
            connection = null;
            statement = null;
            rows = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
