package io.weir.executor;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.testing.FakeConnector;
import io.weir.executor.testing.Plans;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpointing options a job honours, and the delivery guarantee it reports. */
class CheckpointOptionsTest {
    private static final RowType IDS = row("id", type(TypeKind.BIGINT));

    @TempDir
    Path work;

    private LocalExecutor executor;

    @BeforeEach
    void setUp() {
        executor = new LocalExecutor(new ExecutorConfig(4, 100, 64L << 20),
                ConnectorRegistry.of(List.of(new FakeConnector())));
    }

    @AfterEach
    void tearDown() {
        executor.close();
        assertThat(executor.allocatedBytes()).isZero();
    }

    /**
     * An unbounded source into a sink, at parallelism 2, with {@code options}; a filter drops every row,
     * so checkpoints stay small (the fake sink would stage everything the generator makes).
     */
    private JobHandle start(Map<String, String> options) {
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source(null, IDS, Map.of("unbounded", "true", "splits", "2")), IDS);
        int none = plan.vertex("none", 2, new CalcSpec(List.of(Plans.ref(0, type(TypeKind.BIGINT))),
                Plans.literal(false, type(TypeKind.BOOLEAN))), IDS);
        int sink = plan.vertex("sink", 2, Plans.sink("out", IDS, Map.of()), IDS);
        plan.edge(source, none, ExchangeKind.FORWARD).edge(none, sink, ExchangeKind.FORWARD);
        return executor.submit("job", plan.build(options));
    }

    private Map<String, String> checkpointing(Path dir, String... more) {
        Map<String, String> options = new HashMap<>(Map.of("execution.checkpointing.interval", "50ms",
                "state.checkpoints.dir", dir.toString()));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    @Test
    void moreConsecutiveFailedCheckpointsThanToleratedFailTheJob() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("file"), "x");
        JobHandle job = start(checkpointing(notADirectory.resolve("sub"),
                "execution.checkpointing.tolerable-failed-checkpoints", "2"));
        assertThat(job.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("3 checkpoints in a row failed")
                .contains("'execution.checkpointing.tolerable-failed-checkpoints' = 2");
        assertThat(job.checkpoints()).hasSizeGreaterThanOrEqualTo(3).allMatch(c -> c.status().equals("FAILED"));
    }

    @Test
    void byDefaultTheFirstFailedCheckpointFailsTheJob() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("file"), "x");
        JobHandle job = start(checkpointing(notADirectory.resolve("sub")));
        assertThat(job.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(job.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("1 checkpoint in a row failed");
    }

    @Test
    void minPauseSpacesCheckpoints() throws Exception {
        JobHandle job = start(checkpointing(work.resolve("chk"), "execution.checkpointing.min-pause", "300 ms",
                "execution.checkpointing.max-concurrent-checkpoints", "3"));
        List<CheckpointInfo> done = job.checkpoints();
        for (int i = 0; i < 1200 && done.size() < 3; i++) {
            Thread.sleep(50);
            done = job.checkpoints();
        }
        job.cancel();
        assertThat(job.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(done).hasSizeGreaterThanOrEqualTo(3).allMatch(c -> c.status().equals("COMPLETED"));
        assertThat(done).as("alignment and end-to-end times: sane").allMatch(c -> c.alignmentMillis() >= 0
                && c.alignmentMillis() <= c.durationMillis() && c.endToEndMillis() >= c.durationMillis());
        for (int i = 1; i < done.size(); i++) {
            long previousEnd = done.get(i - 1).triggered().toEpochMilli() + done.get(i - 1).durationMillis();
            assertThat(done.get(i).triggered().toEpochMilli() - previousEnd).as(done.toString()).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void aBadOptionFailsTheJobNamingIt() throws Exception {
        JobHandle job = start(checkpointing(work.resolve("chk"), "execution.checkpointing.max-concurrent-checkpoints",
                "zero"));
        assertThat(job.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("'execution.checkpointing.max-concurrent-checkpoints'").contains("integer of at least 1");
    }

    @Test
    void deliveryGuaranteeNeedsCheckpoints() throws Exception {
        JobHandle checkpointed = start(checkpointing(work.resolve("chk")));
        JobHandle plain = start(Map.of());
        // the fake sink does not stage output for commit, so it is at-least-once at best
        assertThat(checkpointed.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(plain.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.NONE);
        checkpointed.cancel();
        plain.cancel();
        assertThat(checkpointed.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(plain.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
}
