package io.weir.executor;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.state.RocksDbStateBackend;
import io.weir.executor.testing.FakeConnector;
import io.weir.executor.testing.Plans;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs with RocksDB state close every instance and leave no working folder, however their tasks end. */
class RocksDbJobTest {
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final RowType KV = row("k", BIGINT, "v", BIGINT);

    @TempDir
    Path work;

    private FakeConnector fake;
    private LocalExecutor executor;

    @BeforeEach
    void setUp() {
        fake = new FakeConnector();
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 5000; i++) {
            rows.add(new Object[] {i % 97, i});
        }
        fake.register("kv", rows);
        executor = new LocalExecutor(new ExecutorConfig(4, 100, 64L << 20, work.resolve("state")),
                ConnectorRegistry.of(List.of(fake)));
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.close();
        assertThat(executor.allocatedBytes()).isZero();
        assertThat(RocksDbStateBackend.openInstances()).as("open RocksDB instances").isZero();
        if (Files.exists(work.resolve("state"))) {
            try (Stream<Path> left = Files.walk(work.resolve("state"))) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("working files left").isEmpty();
            }
        }
    }

    /** source(kv) -> GROUP BY k (COUNT, SUM) on RocksDB -> sink, at parallelism 2. */
    private JobHandle start(Map<String, String> sourceOptions) {
        Plans plan = new Plans();
        GroupAggregateSpec spec = new GroupAggregateSpec(List.of(0), List.of(
                new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"),
                new AggregateCall(AggregateFunction.SUM, List.of(1), false, BIGINT, "s")));
        RowType out = RowKind.withRowKind(row("k", BIGINT, "n", BIGINT, "s", BIGINT));
        int source = plan.vertex("source", 2, Plans.source("kv", KV, sourceOptions), KV);
        int aggregate = plan.vertex("aggregate", 2, spec, out);
        int sink = plan.vertex("sink", 2, Plans.sink("out", out, Map.of()), out);
        plan.edge(source, aggregate, ExchangeKind.HASH, 0).edge(aggregate, sink, ExchangeKind.FORWARD);
        return executor.submit("rocks", plan.build(Map.of("state.backend.type", "rocksdb",
                "execution.checkpointing.interval", "100ms", "state.checkpoints.dir", work.resolve("chk").toString())));
    }

    @Test
    void aFinishedJobClosesItsInstances() throws Exception {
        JobHandle job = start(Map.of("splits", "2"));
        assertThat(job.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        // one insert per group, then an update pair (-U, +U) for every further row of it
        assertThat(job.rowsWritten()).isEqualTo(97 + 2 * (5000 - 97));
    }

    @Test
    void aFailedJobClosesItsInstances() throws Exception {
        JobHandle job = start(Map.of("splits", "2", "fail-after", "2000"));
        assertThat(job.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void aCancelledJobClosesItsInstances() throws Exception {
        JobHandle job = start(Map.of("splits", "2", "unbounded", "true"));
        Thread.sleep(300);
        job.cancel();
        assertThat(job.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void aBadBackendFailsTheJobNamingTheOption() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 1, Plans.source("kv", KV, Map.of()), KV);
        int sink = plan.vertex("sink", 1, Plans.sink("out", KV, Map.of()), KV);
        plan.edge(source, sink, ExchangeKind.FORWARD);
        JobHandle job = executor.submit("bad", plan.build(Map.of("state.backend.type", "leveldb")));
        assertThat(job.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("'state.backend.type'").contains("hashmap, rocksdb");
    }
}
