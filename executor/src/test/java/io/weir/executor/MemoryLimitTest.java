package io.weir.executor;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.testing.FakeConnector;
import io.weir.executor.testing.Plans;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job that needs more batch memory than the worker has fails with 53200 and leaves the worker as it was. */
class MemoryLimitTest {
    private static final RowType LINES = row("id", type(TypeKind.INT), "text", type(TypeKind.STRING));

    private LocalExecutor executor;

    @BeforeEach
    void setUp() {
        FakeConnector fake = new FakeConnector();
        // a batch sort holds its whole input: 20,000 rows of 200 characters are about 4 MB, the limit is 2 MB
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(new Object[] {i, Integer.toString(i).repeat(200).substring(0, 200)});
        }
        fake.register("lines", lines);
        fake.register("few", lines.subList(0, 10));
        executor = new LocalExecutor(new ExecutorConfig(2, 100, 2L << 20), ConnectorRegistry.of(List.of(fake)));
    }

    @AfterEach
    void tearDown() {
        executor.close();
        assertThat(executor.allocatedBytes()).isZero();
    }

    private static JobGraph sortDescending(String table) {
        Plans plan = new Plans();
        int source = plan.vertex("source", 1, Plans.source(table, LINES, Map.of()), LINES);
        int sort = plan.vertex("Sort", 1, new SortSpec(List.of(new SortSpec.SortKey(0, true, false)), 0, -1), LINES);
        int collect = plan.vertex("collect", 1, new CollectSpec(), LINES);
        plan.edge(source, sort, ExchangeKind.FORWARD).edge(sort, collect, ExchangeKind.FORWARD);
        return plan.build();
    }

    private static List<Object[]> collect(JobHandle job) throws InterruptedException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultIterator results = job.results()) {
            results.forEachRemaining(rows::add);
        }
        assertThat(job.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        return rows;
    }

    @Test
    void runningOutOfBatchMemoryIsA53200NamingTheOperatorAndWhatToDo() throws Exception {
        JobHandle job = executor.submit("too-big", sortDescending("lines"));
        assertThatThrownBy(() -> collect(job)).isInstanceOf(WeirException.class)
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.OUT_OF_MEMORY))
                .hasMessageContaining("out of memory: the worker's memory for batches is used up")
                .hasMessageContaining("SET 'execution.runtime-mode' = 'streaming'");
        assertThat(job.awaitTermination()).isEqualTo(JobStatus.FAILED);

        // the failed job gave its memory back: the next one runs
        List<Object[]> rows = collect(executor.submit("small", sortDescending("few")));
        assertThat(rows).extracting(r -> r[0]).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    }
}
