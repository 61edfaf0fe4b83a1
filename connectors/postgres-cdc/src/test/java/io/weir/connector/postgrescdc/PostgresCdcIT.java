package io.weir.connector.postgrescdc;

import static io.weir.connector.postgrescdc.CdcTestSupport.Change;
import static io.weir.connector.postgrescdc.CdcTestSupport.connect;
import static io.weir.connector.postgrescdc.CdcTestSupport.context;
import static io.weir.connector.postgrescdc.CdcTestSupport.drain;
import static io.weir.connector.postgrescdc.CdcTestSupport.execute;
import static io.weir.connector.postgrescdc.CdcTestSupport.options;
import static io.weir.connector.postgrescdc.CdcTestSupport.reader;
import static io.weir.connector.postgrescdc.CdcTestSupport.replay;
import static io.weir.connector.postgrescdc.CdcTestSupport.tableRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.TableContext;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The postgres-cdc reader against a real PostgreSQL: snapshot plus concurrent changes, resuming
 * mid-snapshot and mid-stream (mid-transaction too) from a stored position, and the slot's
 * confirmed position. Every changelog is replayed strictly (a duplicate or a missing change fails)
 * and compared with the table PostgreSQL itself holds.
 */
class PostgresCdcIT {
    private static final RowType ORDERS = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT).withNullable(false)),
            new Field("customer", DataType.of(TypeKind.STRING)),
            new Field("amount", DataType.decimal(12, 2)),
            new Field("updated_at", DataType.timestamp(3))));
    private static final String EXPECTED = "SELECT id, customer, amount, "
            + "floor(extract(epoch FROM updated_at) * 1000)::bigint FROM ";

    private static PostgresCluster cluster;
    private static Connection admin;
    private static BufferAllocator allocator;
    private final List<SourceReader> readers = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
        try (Connection postgres = connect(cluster.jdbcUrl("postgres"))) {
            execute(postgres, "CREATE DATABASE shop");
        }
        admin = connect(cluster.jdbcUrl("shop"));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (admin != null) {
            CdcTestSupport.dropSlots(admin);
            admin.close();
        }
        if (allocator != null) {
            allocator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeReaders() {
        readers.forEach(SourceReader::close);
        readers.clear();
    }

    private static void createOrders(String table, int rows) throws Exception {
        execute(admin, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, customer TEXT, amount NUMERIC(12, 2), "
                + "updated_at TIMESTAMP(3) DEFAULT clock_timestamp())",
                "ALTER TABLE " + table + " REPLICA IDENTITY FULL",
                "INSERT INTO " + table + " (id, customer, amount) SELECT g, 'c' || (g % 97), (g % 10000) / 100.0 "
                        + "FROM generate_series(1, " + rows + ") g");
    }

    private SourceReader open(String table, int parallelism, byte[] position) {
        Map<String, String> options = options(cluster.port(), table, "slot_" + table);
        options.put("scan.incremental.snapshot.chunk.size", "1000");
        TableContext context = context(ORDERS, options, List.of("id"), List.of());
        SourceReader reader = reader(context, parallelism, position);
        readers.add(reader);
        return reader;
    }

    private static RowType batchType() {
        return RowKind.withRowKind(ORDERS);
    }

    private static Map<Object, List<Object>> expected(String table) throws Exception {
        return tableRows(admin, EXPECTED + table, new HashMap<>());
    }

    /** A round of changes spread over the whole key space: inserts above, updates and deletes throughout. */
    private static void changes(String table, int round, long firstNewId) throws Exception {
        execute(admin, "INSERT INTO " + table + " (id, customer, amount) SELECT g, 'n' || g, 1.25 FROM generate_series("
                + firstNewId + ", " + (firstNewId + 19) + ") g",
                "UPDATE " + table + " SET amount = amount + 1, updated_at = clock_timestamp() WHERE id % 97 = " + round,
                "DELETE FROM " + table + " WHERE id % 331 = " + round);
    }

    @Test
    void snapshotAndConcurrentChangesReplayToTheTable() throws Exception {
        createOrders("orders_a", 20_000);
        SourceReader reader = open("orders_a", 2, null);
        AtomicBoolean writing = new AtomicBoolean(true);
        // what the writer thread threw: the test fails with it rather than comparing half the changes
        AtomicReference<Exception> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection connection = connect(cluster.jdbcUrl("shop"))) {
                for (int round = 0; round < 40; round++) {
                    changes("orders_a", round, 100_000 + round * 20L);
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                writerFailure.set(e);
            } finally {
                writing.set(false);
            }
        });
        List<Change> changes = new ArrayList<>();
        long started = System.nanoTime();
        writer.start();
        drain(reader, batchType(), allocator, 1024, changes, c -> !writing.get() && c.size() > 20_000, 0, 120_000);
        drain(reader, batchType(), allocator, 1024, changes, null, 1500, 60_000);
        writer.join();
        if (writerFailure.get() != null) {
            throw new AssertionError("the thread writing concurrent changes failed: " + writerFailure.get(),
                    writerFailure.get());
        }
        System.out.printf("orders_a: %d changes in %.2f s%n", changes.size(), (System.nanoTime() - started) / 1e9);
        assertThat(replay(changes, 4)).isEqualTo(expected("orders_a"));
        assertThat(changes).anyMatch(c -> c.kind() == RowKind.UPDATE_BEFORE)
                .anyMatch(c -> c.kind() == RowKind.DELETE);
    }

    @Test
    void resumingMidSnapshotGivesNoGapAndNoDuplicate() throws Exception {
        createOrders("orders_b", 20_000);
        SourceReader first = open("orders_b", 2, null);
        List<Change> changes = new ArrayList<>();
        // stop inside a chunk: 5,500 rows are 5 chunks and a half
        drain(first, batchType(), allocator, 500, changes, c -> c.size() >= 5_500, 0, 60_000);
        byte[] position = first.snapshotPosition(1);
        first.close();
        readers.remove(first);
        for (int round = 0; round < 5; round++) {
            // changes to keys read before the position (streamed), and to keys not read yet (in the new snapshot)
            changes("orders_b", round, 200_000 + round * 20L);
        }
        SourceReader second = open("orders_b", 2, position);
        drain(second, batchType(), allocator, 1024, changes, null, 2000, 120_000);
        changes("orders_b", 7, 300_000);
        drain(second, batchType(), allocator, 1024, changes, null, 1500, 60_000);
        assertThat(replay(changes, 4)).isEqualTo(expected("orders_b"));
    }

    /**
     * Keys 1..1000 are one chunk, whose key order (1, 2, ..., 10, ...) and text order (1, 10, 100,
     * 1000, 101, ...) differ: a stop after 500 rows must resume exactly above the keys it read, each
     * snapshot row delivered once.
     */
    @Test
    void resumingInsideAChunkWhoseKeysChangeDigitCountGivesEveryRowOnce() throws Exception {
        createOrders("orders_g", 3_000);
        SourceReader first = open("orders_g", 1, null);
        List<Change> changes = new ArrayList<>();
        drain(first, batchType(), allocator, 250, changes, c -> c.size() >= 500, 0, 60_000);
        byte[] position = first.snapshotPosition(1);
        first.close();
        readers.remove(first);
        List<Object> read = changes.stream().map(c -> c.values().get(0)).toList();
        assertThat(read).as("the first rows of the snapshot come in key order").isSorted();
        SourceReader second = open("orders_g", 1, position);
        drain(second, batchType(), allocator, 1024, changes, null, 2000, 60_000);
        List<Long> keys = changes.stream().map(c -> ((Number) c.values().get(0)).longValue()).sorted().toList();
        assertThat(keys).as("every row once").isEqualTo(java.util.stream.LongStream.rangeClosed(1, 3_000).boxed().toList());
    }

    @Test
    void resumingMidStreamAndMidTransactionGivesNoGapAndNoDuplicate() throws Exception {
        createOrders("orders_c", 1_000);
        SourceReader first = open("orders_c", 1, null);
        List<Change> changes = new ArrayList<>();
        drain(first, batchType(), allocator, 1000, changes, c -> c.size() >= 1_000, 0, 60_000);
        String before = confirmedFlush("slot_orders_c");
        // one transaction of 5,000 inserts and 1,000 updates, read in batches of 1,000 rows: stop inside it
        execute(admin, "BEGIN", "INSERT INTO orders_c (id, customer, amount) SELECT g, 'big', 2.5 FROM "
                + "generate_series(10001, 15000) g", "UPDATE orders_c SET customer = 'u' WHERE id <= 1000", "COMMIT");
        drain(first, batchType(), allocator, 1000, changes, c -> c.size() >= 1_000 + 3_500, 0, 60_000);
        byte[] position = first.snapshotPosition(1);
        first.notifyCheckpointComplete(1);
        first.close();
        readers.remove(first);
        changes("orders_c", 3, 20_000);
        SourceReader second = open("orders_c", 1, position);
        drain(second, batchType(), allocator, 1000, changes, null, 2000, 60_000);
        assertThat(replay(changes, 4)).isEqualTo(expected("orders_c"));
        assertThat(Lsn.parse(confirmedFlush("slot_orders_c"))).isGreaterThanOrEqualTo(Lsn.parse(before));
    }

    @Test
    void slotAdvancesOnlyAfterCheckpointsAndWhileTheTableIsIdle() throws Exception {
        createOrders("orders_d", 100);
        execute(admin, "CREATE TABLE other_d (x INT)");
        SourceReader reader = open("orders_d", 1, null);
        List<Change> changes = new ArrayList<>();
        drain(reader, batchType(), allocator, 1000, changes, c -> c.size() >= 100, 0, 60_000);
        execute(admin, "UPDATE orders_d SET amount = 0 WHERE id = 1");
        drain(reader, batchType(), allocator, 1000, changes, c -> c.size() >= 102, 0, 60_000);
        long unconfirmed = Lsn.parse(confirmedFlush("slot_orders_d"));
        // only unrelated WAL from now on: the slot must still advance past it once checkpoints complete
        for (int i = 0; i < 20; i++) {
            execute(admin, "INSERT INTO other_d SELECT g FROM generate_series(1, 100) g");
        }
        long target = currentWal();
        Thread.sleep(500);
        assertThat(Lsn.parse(confirmedFlush("slot_orders_d"))).as("nothing confirmed without a checkpoint")
                .isEqualTo(unconfirmed);
        long deadline = System.currentTimeMillis() + 20_000;
        long checkpoint = 1;
        while (Lsn.parse(confirmedFlush("slot_orders_d")) < target && System.currentTimeMillis() < deadline) {
            CdcTestSupport.readOnce(reader, batchType(), allocator, 1000, changes);
            reader.snapshotPosition(checkpoint);
            reader.notifyCheckpointComplete(checkpoint++);
            Thread.sleep(100);
        }
        assertThat(Lsn.parse(confirmedFlush("slot_orders_d"))).isGreaterThanOrEqualTo(target);
        assertThat(changes).hasSize(102);
    }

    @Test
    void latestOffsetSkipsTheSnapshotAndStreamsOnlyNewChanges() throws Exception {
        createOrders("orders_e", 500);
        Map<String, String> options = options(cluster.port(), "orders_e", "slot_orders_e");
        options.put("scan.startup.mode", "latest-offset");
        SourceReader reader = reader(context(ORDERS, options, List.of("id"), List.of()), 1, null);
        readers.add(reader);
        List<Change> changes = new ArrayList<>();
        // the first read creates the slot: changes from then on are streamed
        CdcTestSupport.readOnce(reader, batchType(), allocator, 100, changes);
        execute(admin, "INSERT INTO orders_e (id, customer, amount) VALUES (1000, 'new', 1)",
                "UPDATE orders_e SET amount = 7 WHERE id = 3");
        drain(reader, batchType(), allocator, 100, changes, null, 1500, 30_000);
        assertThat(changes).extracting(c -> c.kind().shortString() + c.values().get(0))
                .containsExactly("+I1000", "-U3", "+U3");
    }

    @Test
    void aResumeWhoseSlotWasDroppedFailsInsteadOfLosingChanges() throws Exception {
        createOrders("orders_f", 10);
        SourceReader first = open("orders_f", 1, null);
        List<Change> changes = new ArrayList<>();
        drain(first, batchType(), allocator, 100, changes, c -> c.size() >= 10, 0, 60_000);
        byte[] position = first.snapshotPosition(1);
        first.close();
        readers.remove(first);
        execute(admin, "SELECT pg_drop_replication_slot('slot_orders_f')");
        SourceReader second = open("orders_f", 1, position);
        assertThatThrownBy(() -> CdcTestSupport.readOnce(second, batchType(), allocator, 100, changes))
                .hasMessageContaining("'slot_orders_f'").hasMessageContaining("was dropped");
    }

    private static String confirmedFlush(String slot) throws Exception {
        try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            assertThat(rows.next()).as("slot " + slot + " exists").isTrue();
            return rows.getString(1);
        }
    }

    private static long currentWal() throws Exception {
        try (Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn()")) {
            rows.next();
            return Lsn.parse(rows.getString(1));
        }
    }
}
