package io.weir.connector.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Builds postgres-cdc readers the way the executor does and drains them into changes. */
final class CdcTestSupport {
    /** One row of the changelog: its kind and its values (physical columns, then metadata). */
    record Change(RowKind kind, List<Object> values) {
    }

    private CdcTestSupport() {
    }

    static Map<String, String> options(int port, String table, String slot) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", "127.0.0.1");
        options.put("port", Integer.toString(port));
        options.put("username", "postgres");
        options.put("password", "unused");
        options.put("database-name", "shop");
        options.put("schema-name", "public");
        options.put("table-name", table);
        options.put("slot.name", slot);
        options.put("heartbeat.interval", "200 ms");
        return options;
    }

    static TableContext context(RowType schema, Map<String, String> options, List<String> primaryKey,
            List<String> metadataKeys) {
        PostgresCdcTableFactory factory = new PostgresCdcTableFactory();
        Options validated = Options.validate("t", "postgres-cdc", options, factory.options());
        TableContext context = new TableContext("t", schema, validated, List.of(), metadataKeys, primaryKey);
        factory.validate(context);
        return context;
    }

    /** A reader (of the only split) on {@code parallelism} snapshot connections, resumed from {@code position} when not null. */
    static SourceReader reader(TableContext context, int parallelism, byte[] position) {
        TableSource source = new PostgresCdcTableFactory().createSource(context);
        var splits = source.planSplits(parallelism);
        assertThat(splits).hasSize(parallelism);
        return source.createReader(splits.get(0), new ReaderContext("job", 0, parallelism, position));
    }

    /**
     * Reads batches of {@code capacity} rows into {@code out} until {@code done} holds for what was
     * read, or until {@code quietMillis} pass without a row once {@code done} is null.
     */
    static void drain(SourceReader reader, RowType batchType, BufferAllocator allocator, int capacity,
            List<Change> out, Predicate<List<Change>> done, long quietMillis, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long lastRow = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            if (done != null && done.test(out)) {
                return;
            }
            int before = out.size();
            readOnce(reader, batchType, allocator, capacity, out);
            if (out.size() > before) {
                lastRow = System.currentTimeMillis();
            } else {
                if (done == null && System.currentTimeMillis() - lastRow > quietMillis) {
                    return;
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("the reader did not finish in " + timeoutMillis + " ms; read " + out.size() + " rows");
    }

    /** One read call; returns its status. */
    static SourceReader.ReadStatus readOnce(SourceReader reader, RowType batchType, BufferAllocator allocator,
            int capacity, List<Change> out) {
        try (VectorSchemaRoot root = ArrowTypes.allocate(batchType, allocator)) {
            BatchBuilder builder = new BatchBuilder(root, capacity);
            SourceReader.ReadStatus status = reader.read(builder);
            VectorSchemaRoot batch = builder.finish();
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object[] row = new Object[batchType.size() - 1];
                for (int c = 0; c < row.length; c++) {
                    row[c] = BatchValues.get(batch.getVector(c), r);
                }
                byte kind = (Byte) BatchValues.get(batch.getVector(batchType.size() - 1), r);
                out.add(new Change(RowKind.fromByteValue(kind), Arrays.asList(row)));
            }
            return status;
        }
    }

    /**
     * Applies a changelog to an empty table keyed by column 0, strictly: an insert of a present key,
     * or a -U/-D whose row is not the present one, is an error (a duplicate or a gap).
     */
    static Map<Object, List<Object>> replay(List<Change> changes, int columns) {
        Map<Object, List<Object>> state = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            List<Object> row = change.values().subList(0, columns);
            Object key = row.get(0);
            switch (change.kind()) {
                case INSERT, UPDATE_AFTER -> {
                    if (state.containsKey(key)) {
                        throw new AssertionError("change " + i + " " + change.kind().shortString() + " " + row
                                + " adds a key that is present: " + state.get(key));
                    }
                    state.put(key, row);
                }
                case UPDATE_BEFORE, DELETE -> {
                    List<Object> present = state.remove(key);
                    if (!row.equals(present)) {
                        throw new AssertionError("change " + i + " " + change.kind().shortString() + " " + row
                                + " retracts a row that is not the present one: " + present);
                    }
                }
            }
        }
        return state;
    }

    /** {@code SELECT id, ... FROM table} read through JDBC's typed getters, keyed by id. */
    static Map<Object, List<Object>> tableRows(Connection connection, String query, Map<Object, List<Object>> into)
            throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rows.getObject(c));
                }
                into.put(row.get(0), row);
            }
        }
        return into;
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Drops the slots a test left behind (a slot keeps WAL forever). */
    static void dropSlots(Connection connection) throws SQLException {
        execute(connection, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
    }
}
