package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the table's rows above a cursor key in a snapshot consistent at one LSN, in chunks of the
 * primary key, on background threads.
 *
 * <p>Opening: a temporary replication slot is created with {@code EXPORT_SNAPSHOT} (its consistent
 * point is the snapshot's exact LSN: transactions committed before it are visible, later ones are
 * what the permanent slot streams); {@code threads} connections each begin a REPEATABLE READ
 * transaction importing that snapshot ({@code SET TRANSACTION SNAPSHOT}), so every chunk, whichever
 * connection reads it, sees the same state. The chunk boundaries are every {@code chunkSize}-th key.
 *
 * <p>Threading: {@link #start()} and the chunk reads run on this fetcher's threads; the reader's
 * thread polls {@link #chunk(int)} (never blocking) in chunk order and calls {@link #close()}. At
 * most {@code 2 × threads} chunks are held in memory ahead of the reader.
 */
final class SnapshotFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFetcher.class);

    /** One chunk's rows in key order; {@code upper} is its last key bound (null: the last chunk). */
    record Chunk(List<Object[]> rows, List<String[]> keys, List<String> upper) {
    }

    private final CdcConfig config;
    private final SourceTable table;
    private final List<String> cursor;
    private final ExecutorService pool;
    private final BlockingQueue<Connection> connections;
    private final List<Connection> opened = new ArrayList<>();
    private final Map<Integer, CompletableFuture<Chunk>> chunks = new ConcurrentHashMap<>();
    private final AtomicInteger submitted = new AtomicInteger();
    private final CompletableFuture<List<List<String>>> boundaries = new CompletableFuture<>();
    private volatile Connection exporter;
    private volatile long consistentLsn;
    private volatile boolean closed;

    SnapshotFetcher(CdcConfig config, SourceTable table, List<String> cursor) {
        this.config = requireNonNull(config, "config is null");
        this.table = requireNonNull(table, "table is null");
        this.cursor = cursor;
        int threads = Math.max(1, config.snapshotThreads());
        this.connections = new ArrayBlockingQueue<>(threads);
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "weir-cdc-snapshot-" + config.table());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the snapshot and plans the chunks in the background. */
    void start() {
        pool.execute(() -> {
            try {
                boundaries.complete(open());
            } catch (Throwable e) {
                boundaries.completeExceptionally(e);
            }
        });
    }

    /** The snapshot's LSN; valid once {@link #chunkCount()} is not -1. */
    long consistentLsn() {
        return consistentLsn;
    }

    /** The number of chunks, or -1 while the snapshot is being opened. Rethrows its failure. */
    int chunkCount() {
        if (!boundaries.isDone()) {
            return -1;
        }
        return boundaries.join().size() + 1;
    }

    /** Chunk {@code index} when it has been read, else null (it is then being read). Rethrows a failure. */
    Chunk chunk(int index) {
        int count = chunkCount();
        if (count < 0) {
            return null;
        }
        int threads = Math.max(1, config.snapshotThreads());
        while (submitted.get() < count && submitted.get() < index + 2 * threads) {
            int next = submitted.getAndIncrement();
            chunks.put(next, CompletableFuture.supplyAsync(() -> read(next), pool));
        }
        CompletableFuture<Chunk> future = chunks.get(index);
        if (future == null || !future.isDone()) {
            return null;
        }
        chunks.remove(index);
        return future.join();
    }

    private List<List<String>> open() throws SQLException {
        String slot = config.slot() + "_snap_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff);
        exporter = config.connectForReplication();
        String snapshotName;
        try (Statement statement = exporter.createStatement(); ResultSet rows = statement.executeQuery(
                "CREATE_REPLICATION_SLOT " + Sql.ident(slot) + " TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT")) {
            rows.next();
            consistentLsn = Lsn.parse(rows.getString("consistent_point"));
            snapshotName = rows.getString("snapshot_name");
        }
        LOG.info("Snapshot of {} above key {} at LSN {} ({} connections)", config.qualifiedTable(), cursor,
                Lsn.format(consistentLsn), config.snapshotThreads());
        for (int i = 0; i < Math.max(1, config.snapshotThreads()); i++) {
            Connection connection = config.connect();
            synchronized (opened) {
                opened.add(connection);
            }
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshotName));
            }
            connections.add(connection);
        }
        return config.chunkSize() > 0 ? planBoundaries() : List.of();
    }

    private List<List<String>> planBoundaries() throws SQLException {
        String keys = keyList(false);
        String sql = "SELECT " + keyList(true) + " FROM (SELECT " + keys + ", row_number() OVER (ORDER BY "
                + orderBy() + ") AS weir_rn FROM " + config.qualifiedTable()
                + (cursor == null ? "" : " WHERE " + compare(">", 1)) + ") s WHERE weir_rn % " + config.chunkSize()
                + " = 0 ORDER BY weir_rn";
        Connection connection = take();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, cursor, 1);
            List<List<String>> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 0; i < table.keyIndexes().length; i++) {
                        key.add(rows.getString(i + 1));
                    }
                    result.add(key);
                }
            }
            return result;
        } finally {
            connections.add(connection);
        }
    }

    private Chunk read(int index) {
        List<List<String>> bounds = boundaries.join();
        List<String> lower = index == 0 ? cursor : bounds.get(index - 1);
        List<String> upper = index < bounds.size() ? bounds.get(index) : null;
        List<Field> fields = config.columns().fields();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            // each text value gets its own name: an output column named like the key column would
            // make ORDER BY sort the text (1, 10, 100, 2, ...), not the key
            sql.append(i == 0 ? "" : ", ").append(Sql.ident(table.pgColumns().get(i))).append("::text AS weir_c")
                    .append(i);
        }
        sql.append(" FROM ").append(config.qualifiedTable());
        int parameter = 1;
        List<String> conditions = new ArrayList<>();
        if (lower != null) {
            conditions.add(compare(">", parameter));
            parameter += lower.size();
        }
        if (upper != null) {
            conditions.add(compare("<=", parameter));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(orderBy());
        Connection connection = take();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setFetchSize(config.fetchSize());
            int next = bind(statement, lower, 1);
            bind(statement, upper, next);
            List<Object[]> rows = new ArrayList<>();
            List<String[]> keys = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object[] row = new Object[fields.size()];
                    String[] key = new String[table.keyIndexes().length];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = TextDecoder.decode(result.getString(i + 1), fields.get(i).type(), fields.get(i).name());
                    }
                    for (int k = 0; k < key.length; k++) {
                        key[k] = result.getString(table.keyIndexes()[k] + 1);
                    }
                    rows.add(row);
                    keys.add(key);
                }
            }
            return new Chunk(rows, keys, upper);
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-cdc: reading snapshot chunk " + index + " of "
                    + config.qualifiedTable() + " failed: " + e.getMessage(), e);
        } finally {
            connections.add(connection);
        }
    }

    private Connection take() {
        try {
            return connections.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String keyList(boolean asText) {
        List<String> keys = new ArrayList<>();
        for (int index : table.keyIndexes()) {
            keys.add(Sql.ident(table.pgColumns().get(index)) + (asText ? "::text" : ""));
        }
        return String.join(", ", keys);
    }

    /** Key order: text keys by byte (COLLATE "C"), which {@link KeyOrder} reproduces. */
    private String orderBy() {
        List<String> keys = new ArrayList<>();
        for (int index : table.keyIndexes()) {
            keys.add(keyColumn(index));
        }
        return String.join(", ", keys);
    }

    private String keyColumn(int index) {
        return Sql.ident(table.pgColumns().get(index)) + (table.collatable().get(index) ? " COLLATE \"C\"" : "");
    }

    /** {@code (k1, k2) op (?::t1, ?::t2)} with parameters from {@code first}. */
    private String compare(String op, int first) {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int index : table.keyIndexes()) {
            left.add(keyColumn(index));
            right.add("CAST(? AS " + table.pgTypes().get(index) + ")");
        }
        return "(" + String.join(", ", left) + ") " + op + " (" + String.join(", ", right) + ")";
    }

    private static int bind(PreparedStatement statement, List<String> key, int first) throws SQLException {
        if (key == null) {
            return first;
        }
        for (int i = 0; i < key.size(); i++) {
            statement.setString(first + i, key.get(i));
        }
        return first + key.size();
    }

    /** Ends the snapshot transactions and drops the temporary slot (by closing its connection). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.shutdownNow();
        synchronized (opened) {
            for (Connection connection : opened) {
                closeQuietly(connection);
            }
        }
        if (exporter != null) {
            closeQuietly(exporter);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a snapshot connection failed", e);
        }
    }
}
