package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.LookupSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks rows of a PostgreSQL table up by key columns for a lookup join: the keys of one probe
 * batch that the cache does not hold go to the database in one query ({@code k = ANY(?)}, or
 * {@code unnest} of one array per column for a composite key), on one connection kept open, retried
 * on a new connection up to {@code 'lookup.max-retries'} times. Single-threaded (the join subtask's).
 */
final class JdbcLookupSource implements LookupSource {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLookupSource.class);

    private final ConnectionSettings settings;
    private final RowType schema;
    private final int[] keyIndexes;
    private final List<DataType> keyTypes;
    private final String sql;
    private final int maxRetries;
    private final LookupCache cache;
    private final boolean cacheMissingKeys;
    private Connection connection;
    private PreparedStatement statement;
    private long queries;

    JdbcLookupSource(ConnectionSettings settings, RowType schema, List<String> keyColumns, int maxRetries,
            LookupCache cache, boolean cacheMissingKeys) {
        this.settings = requireNonNull(settings, "settings is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.keyIndexes = keyColumns.stream().mapToInt(schema::indexOf).toArray();
        for (int i = 0; i < keyIndexes.length; i++) {
            if (keyIndexes[i] < 0) {
                throw new WeirException(ErrorCode.UNDEFINED_COLUMN, "Table '" + settings.tableName()
                        + "' has no column '" + keyColumns.get(i) + "' to look up by");
            }
        }
        this.keyTypes = Arrays.stream(keyIndexes).mapToObj(schema::type).toList();
        keyTypes.forEach(JdbcValues::postgresTypeName);
        this.sql = SqlStatements.lookup(schema.names(), keyColumns, keyTypes, settings.tableName());
        this.maxRetries = maxRetries;
        this.cache = cache;
        this.cacheMissingKeys = cacheMissingKeys;
    }

    @Override
    public Map<List<Object>, List<Object[]>> lookup(Collection<List<Object>> keys) {
        Map<List<Object>, List<Object[]>> found = new HashMap<>();
        Set<List<Object>> wanted = new LinkedHashSet<>();
        for (List<Object> key : keys) {
            List<Object> coerced = coerce(key);
            List<Object[]> cached = cache == null ? null : cache.get(coerced);
            if (cached != null) {
                found.put(key, cached);
            } else {
                wanted.add(coerced);
            }
        }
        if (wanted.isEmpty()) {
            return found;
        }
        Map<List<Object>, List<Object[]>> queried = query(wanted);
        for (List<Object> key : keys) {
            List<Object> coerced = coerce(key);
            if (!wanted.contains(coerced)) {
                continue;
            }
            List<Object[]> rows = queried.getOrDefault(coerced, List.of());
            found.put(key, rows);
            if (cache != null && (!rows.isEmpty() || cacheMissingKeys)) {
                cache.put(coerced, rows);
            }
        }
        return found;
    }

    private List<Object> coerce(List<Object> key) {
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = JdbcValues.coerce(key.get(i), keyTypes.get(i));
        }
        return Arrays.asList(values);
    }

    private Map<List<Object>, List<Object[]>> query(Set<List<Object>> keys) {
        for (int attempt = 0; ; attempt++) {
            try {
                return runQuery(keys);
            } catch (SQLException e) {
                closeConnection();
                if (attempt >= maxRetries || !Retries.isRetriable(e)) {
                    throw new WeirException(ErrorCode.CONNECTOR_ERROR, "Looking up " + keys.size() + " keys in table '"
                            + settings.tableName() + "' failed" + (attempt > 0 ? " after " + attempt + " retries" : "")
                            + ": " + Retries.describe(e), e);
                }
                var wait = Retries.backoff(attempt + 1);
                LOG.warn("Lookup in table {} failed (SQLSTATE {}), retry {} of {} in {} ms: {}", settings.tableName(),
                        e.getSQLState(), attempt + 1, maxRetries, wait.toMillis(), Retries.describe(e));
                Retries.sleep(wait);
            }
        }
    }

    private Map<List<Object>, List<Object[]>> runQuery(Set<List<Object>> keys) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = settings.open();
            connection.setReadOnly(true);
            statement = connection.prepareStatement(sql);
        }
        List<Array> arrays = new ArrayList<>();
        try {
            for (int column = 0; column < keyIndexes.length; column++) {
                Object[] elements = new Object[keys.size()];
                int i = 0;
                for (List<Object> key : keys) {
                    elements[i++] = JdbcValues.toDriverObject(key.get(column), keyTypes.get(column));
                }
                Array array = connection.createArrayOf(JdbcValues.postgresTypeName(keyTypes.get(column)), elements);
                arrays.add(array);
                statement.setArray(column + 1, array);
            }
            queries++;
            Map<List<Object>, List<Object[]>> result = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Object[] row = new Object[schema.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = JdbcValues.read(rows, i + 1, schema.type(i));
                    }
                    Object[] key = new Object[keyIndexes.length];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = row[keyIndexes[i]];
                    }
                    result.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(row);
                }
            }
            return result;
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
    }

    /** The cache, or null without one (for tests). */
    LookupCache cache() {
        return cache;
    }

    /** How many queries went to the database. */
    long queries() {
        return queries;
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the lookup connection of table {} failed", settings.tableName(), e);
        }
        connection = null;
        statement = null;
    }

    @Override
    public void close() {
        if (cache != null) {
            LOG.info("Lookup cache of table {}: {} hits, {} misses, {} queries", settings.tableName(), cache.hits(),
                    cache.misses(), queries);
        }
        closeConnection();
    }
}
