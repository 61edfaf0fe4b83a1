package io.weir.connector.postgrescdc;

import static io.weir.connector.postgrescdc.CdcTestSupport.Change;
import static io.weir.connector.postgrescdc.CdcTestSupport.connect;
import static io.weir.connector.postgrescdc.CdcTestSupport.context;
import static io.weir.connector.postgrescdc.CdcTestSupport.drain;
import static io.weir.connector.postgrescdc.CdcTestSupport.execute;
import static io.weir.connector.postgrescdc.CdcTestSupport.options;
import static io.weir.connector.postgrescdc.CdcTestSupport.reader;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Measures (and prints) the reader's speed: snapshot rows per second with one and with two
 * connections, streaming rows per second, and the delay from a commit to the row being read, with
 * the CPU time the reader's JVM spent. Asserts only that every row arrived; the numbers go in the
 * notes, not into pass or fail. Not part of the build's tests (its name is no test's); run it with
 * {@code -Dit.test=PostgresCdcThroughputBenchmark}.
 */
class PostgresCdcThroughputBenchmark {
    private static final int ROWS = 200_000;
    private static final RowType ORDERS = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT).withNullable(false)),
            new Field("customer", DataType.of(TypeKind.STRING)),
            new Field("amount", DataType.decimal(12, 2)),
            new Field("updated_at", DataType.timestamp(3))));

    @Test
    void measureSnapshotStreamingAndDelay() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(); BufferAllocator allocator = new RootAllocator()) {
            try (Connection postgres = connect(cluster.jdbcUrl("postgres"))) {
                execute(postgres, "CREATE DATABASE shop");
            }
            try (Connection admin = connect(cluster.jdbcUrl("shop"))) {
                execute(admin, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer TEXT, amount NUMERIC(12, 2), "
                        + "updated_at TIMESTAMP(3) DEFAULT clock_timestamp())", "ALTER TABLE orders REPLICA IDENTITY FULL",
                        "INSERT INTO orders (id, customer, amount) SELECT g, 'customer-' || (g % 997), "
                                + "(g % 10000) / 100.0 FROM generate_series(1, " + ROWS + ") g");
                for (int threads : new int[] {1, 2}) {
                    Map<String, String> options = options(cluster.port(), "orders", "slot_" + threads);
                    try (SourceReader reader = reader(context(ORDERS, options, List.of("id"), List.of()), threads, null)) {
                        List<Change> changes = new ArrayList<>();
                        long cpu = cpuNanos();
                        long start = System.nanoTime();
                        drain(reader, RowKind.withRowKind(ORDERS), allocator, 4096, changes, c -> c.size() >= ROWS, 0,
                                300_000);
                        report("snapshot, " + threads + " connection(s)", ROWS, System.nanoTime() - start,
                                cpuNanos() - cpu);
                        assertThat(changes).hasSize(ROWS);
                        if (threads == 2) {
                            measureStreaming(admin, reader, allocator);
                        }
                    }
                }
                CdcTestSupport.dropSlots(admin);
            }
        }
    }

    private static void measureStreaming(Connection admin, SourceReader reader, BufferAllocator allocator)
            throws Exception {
        RowType batchType = RowKind.withRowKind(ORDERS);
        execute(admin, "INSERT INTO orders (id, customer, amount) SELECT g, 'new', 1.5 FROM generate_series("
                + (ROWS + 1) + ", " + (ROWS + 100_000) + ") g");
        List<Change> changes = new ArrayList<>();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        drain(reader, batchType, allocator, 4096, changes, c -> c.size() >= 100_000, 0, 300_000);
        report("streaming inserts", 100_000, System.nanoTime() - start, cpuNanos() - cpu);
        execute(admin, "UPDATE orders SET amount = amount + 1 WHERE id <= 50000");
        changes.clear();
        start = System.nanoTime();
        cpu = cpuNanos();
        drain(reader, batchType, allocator, 4096, changes, c -> c.size() >= 100_000, 0, 300_000);
        report("streaming updates (-U/+U rows)", 100_000, System.nanoTime() - start, cpuNanos() - cpu);
        // the test cluster runs with synchronous_commit = off, which delays WAL (and so decoding) by up to
        // wal_writer_delay; a commit that waits for its WAL flush is what production servers do
        execute(admin, "SET synchronous_commit = on");
        long[] delays = new long[20];
        for (int i = 0; i < delays.length; i++) {
            changes.clear();
            execute(admin, "INSERT INTO orders (id, customer, amount) VALUES (" + (900_000 + i) + ", 'one', 1)");
            long committed = System.nanoTime();
            while (changes.isEmpty()) {
                CdcTestSupport.readOnce(reader, batchType, allocator, 16, changes);
                Thread.sleep(1);
            }
            delays[i] = System.nanoTime() - committed;
            Thread.sleep(50);
        }
        java.util.Arrays.sort(delays);
        System.out.printf("commit to row read: median %.1f ms, max %.1f ms%n", delays[delays.length / 2] / 1e6,
                delays[delays.length - 1] / 1e6);
    }

    private static void report(String what, int rows, long nanos, long cpuNanos) {
        System.out.printf("%s: %d rows in %.2f s = %.0f rows/s wall, %.0f rows per CPU-second of this JVM%n", what, rows,
                nanos / 1e9, rows / (nanos / 1e9), rows / (cpuNanos / 1e9));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
