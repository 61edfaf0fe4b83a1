package io.weir.connector.jdbc;

import static io.weir.connector.jdbc.JdbcTestSupport.context;
import static io.weir.connector.jdbc.JdbcTestSupport.execute;
import static io.weir.connector.jdbc.JdbcTestSupport.options;
import static io.weir.connector.jdbc.JdbcTestSupport.query;
import static io.weir.connector.jdbc.JdbcTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.connector.jdbc.JdbcTestSupport.Change;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSink;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jdbc sink against a real PostgreSQL: a changelog of a running aggregate upserted into a keyed
 * table equals the same aggregate computed by PostgreSQL over the same input, also after a replay
 * and after the sink's connection is terminated; without a key, rows are appended.
 */
class JdbcSinkTest {
    private static final RowType TOTALS = new RowType(List.of(
            new Field("k", DataType.of(TypeKind.STRING).withNullable(false)),
            new Field("n", DataType.of(TypeKind.BIGINT)),
            new Field("s", DataType.decimal(12, 2))));
    private static PostgresCluster cluster;

    private final BufferAllocator allocator = new RootAllocator();

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        cluster.close();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /**
     * The input events (key, amount), stored in PostgreSQL table {@code events_<name>}, and the changelog a
     * streaming {@code GROUP BY k} with COUNT and SUM emits for them; every 50th event retracts its key
     * entirely (its events are deleted from the input, the group emits -D).
     */
    private static List<Change> aggregateChangelog(String name, int events, long seed) throws Exception {
        execute(cluster, "CREATE TABLE events_" + name + " (seq int, k text, amount numeric(12, 2))");
        Random random = new Random(seed);
        Map<String, long[]> counts = new HashMap<>();
        Map<String, BigDecimal> sums = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        StringBuilder inserts = new StringBuilder();
        List<String> deletes = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String key = "k" + random.nextInt(40);
            if (i % 50 == 49 && counts.containsKey(key)) {
                changes.add(new Change(RowKind.DELETE, key, counts.get(key)[0], sums.get(key)));
                counts.remove(key);
                sums.remove(key);
                deletes.add("DELETE FROM events_" + name + " WHERE k = '" + key + "' AND seq < " + i);
                continue;
            }
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(100_000), 2);
            inserts.append(inserts.length() == 0 ? "" : ", ").append("(").append(i).append(", '").append(key)
                    .append("', ").append(amount).append(")");
            long[] count = counts.get(key);
            if (count == null) {
                counts.put(key, new long[] {1});
                sums.put(key, amount);
                changes.add(new Change(RowKind.INSERT, key, 1L, amount));
            } else {
                changes.add(new Change(RowKind.UPDATE_BEFORE, key, count[0], sums.get(key)));
                count[0]++;
                sums.put(key, sums.get(key).add(amount));
                changes.add(new Change(RowKind.UPDATE_AFTER, key, count[0], sums.get(key)));
            }
        }
        execute(cluster, "INSERT INTO events_" + name + " VALUES " + inserts);
        execute(cluster, deletes.toArray(String[]::new));
        return changes;
    }

    private static TableSink keyedSink(String table, Map<String, String> extra) throws Exception {
        execute(cluster, "CREATE TABLE " + table + " (k text PRIMARY KEY, n bigint, s numeric(12, 2))");
        TableContext context = context(table, TOTALS, options(cluster, table, extra), List.of("k"));
        assertThat(JdbcTestSupport.FACTORY.sinkChangelogMode(context)).isEqualTo(ChangelogMode.ALL);
        return JdbcTestSupport.FACTORY.createSink(context);
    }

    private void writeInBatches(SinkWriter writer, List<Change> changes, int batchSize, int commitEvery) {
        for (int from = 0, batch = 0; from < changes.size(); from += batchSize, batch++) {
            write(writer, TOTALS, changes.subList(from, Math.min(changes.size(), from + batchSize)), allocator);
            if (batch % commitEvery == commitEvery - 1) {
                assertThat(writer.prepareCommit()).isEmpty();
            }
        }
        writer.prepareCommit();
    }

    private static String expectedAggregate(String name) throws Exception {
        return String.join("\n", query(cluster, "SELECT k, count(*), sum(amount) FROM events_" + name
                + " GROUP BY k ORDER BY k"));
    }

    private static String table(String name) throws Exception {
        return String.join("\n", query(cluster, "SELECT k, n, s FROM " + name + " ORDER BY k"));
    }

    @Test
    void upsertedChangelogEqualsTheAggregatePostgresComputes() throws Exception {
        List<Change> changes = aggregateChangelog("a", 3000, 1);
        TableSink sink = keyedSink("totals_a", Map.of("sink.buffer-flush.max-rows", "37",
                "sink.buffer-flush.interval", "20 ms"));
        assertThat(sink.deliveryGuarantee()).isEqualTo(TableSink.DeliveryGuarantee.EXACTLY_ONCE);
        try (SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            writeInBatches(writer, changes, 64, 5);
        }
        assertThat(table("totals_a")).isEqualTo(expectedAggregate("a")).isNotEmpty();
    }

    @Test
    void replayingTheChangesSinceACheckpointGivesTheSameTable() throws Exception {
        List<Change> changes = aggregateChangelog("b", 2000, 2);
        TableSink sink = keyedSink("totals_b", Map.of("sink.buffer-flush.max-rows", "0",
                "sink.buffer-flush.interval", "0"));
        int checkpoint = 1234;
        try (SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            writeInBatches(writer, changes.subList(0, checkpoint), 100, 3);
            // the first attempt wrote beyond the checkpoint and then "failed"
            writeInBatches(writer, changes.subList(checkpoint, changes.size()), 100, 2);
        }
        String first = table("totals_b");
        try (SinkWriter replay = sink.createWriter(new SinkContext("job", 0, 1))) {
            writeInBatches(replay, changes.subList(checkpoint, changes.size()), 77, 4);
        }
        assertThat(table("totals_b")).isEqualTo(first).isEqualTo(expectedAggregate("b"));
    }

    @Test
    void aTerminatedConnectionIsRetried() throws Exception {
        List<Change> changes = aggregateChangelog("c", 1000, 3);
        TableSink sink = keyedSink("totals_c", Map.of("sink.buffer-flush.max-rows", "0",
                "sink.buffer-flush.interval", "0", "sink.max-retries", "3"));
        try (SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            int half = changes.size() / 2;
            write(writer, TOTALS, changes.subList(0, half), allocator);
            writer.prepareCommit();
            List<String> killed = query(cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'weir'");
            assertThat(killed).containsExactly("t");
            write(writer, TOTALS, changes.subList(half, changes.size()), allocator);
            writer.prepareCommit();
            long[] counters = ((JdbcSinkWriter) writer).counters();
            assertThat(counters[1]).as("retries").isEqualTo(1);
        }
        assertThat(table("totals_c")).isEqualTo(expectedAggregate("c"));
    }

    @Test
    void rowsThatPostgresRejectsFailAtOnceWithItsMessage() throws Exception {
        execute(cluster, "CREATE TABLE checked (k text PRIMARY KEY, n bigint CHECK (n >= 0), s numeric(12, 2))");
        TableSink sink = JdbcTestSupport.FACTORY.createSink(context("checked", TOTALS,
                options(cluster, "checked", Map.of("sink.buffer-flush.interval", "0")), List.of("k")));
        try (SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            write(writer, TOTALS, List.of(new Change(RowKind.INSERT, "a", -1L, BigDecimal.ONE)), allocator);
            assertThatThrownBy(writer::prepareCommit).isInstanceOf(WeirException.class)
                    .hasMessageContaining("Writing 1 changes into table 'checked' failed: ")
                    .hasMessageContaining("violates check constraint").hasMessageNotContaining("INSERT INTO");
            assertThat(((JdbcSinkWriter) writer).counters()[1]).as("retries").isZero();
        }
    }

    @Test
    void withoutAKeyRowsAreAppended() throws Exception {
        execute(cluster, "CREATE TABLE log_d (k text, n bigint, s numeric(12, 2))");
        TableContext context = context("log_d", TOTALS, options(cluster, "log_d", Map.of()), List.of());
        assertThat(JdbcTestSupport.FACTORY.sinkChangelogMode(context)).isEqualTo(ChangelogMode.INSERT_ONLY);
        TableSink sink = JdbcTestSupport.FACTORY.createSink(context);
        assertThat(sink.deliveryGuarantee()).isEqualTo(TableSink.DeliveryGuarantee.AT_LEAST_ONCE);
        List<Change> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            rows.add(new Change(RowKind.INSERT, "k" + (i % 7), (long) i, i % 3 == 0 ? null : BigDecimal.valueOf(i, 1)));
        }
        try (SinkWriter writer = sink.createWriter(new SinkContext("job", 0, 1))) {
            writeInBatches(writer, rows, 200, 2);
        }
        long sum = rows.stream().mapToLong(r -> (Long) r.values()[1]).sum();
        BigDecimal amounts = rows.stream().map(r -> (BigDecimal) r.values()[2]).filter(v -> v != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        assertThat(query(cluster, "SELECT count(*), sum(n), sum(s), count(s) FROM log_d"))
                .containsExactly(rows.size() + "|" + sum + "|" + amounts + "|1000");
    }
}
