package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code 'scan.parallelism'} sets how many subtasks read a table, apart from the job's parallelism. */
class ScanParallelismPlanningTest {
    private PlanningFixture fixture;

    // TestConnector refuses options it does not know, so these tables also show that the engine takes this one
    @BeforeEach
    void createCatalog() {
        fixture = new PlanningFixture();
    }

    private void create(String sql) {
        fixture.create(sql);
    }

    private String graph(String sql) {
        return fixture.graph(sql, Map.of("execution.runtime-mode", "streaming", "parallelism.default", "4"));
    }

    @Test
    void theSourceRunsAtItsScanParallelismAndTheKeyedOperatorAtTheJobs() {
        create("CREATE TABLE events (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'test', "
                + "'bounded' = 'false', 'scan.parallelism' = '1')");
        String graph = graph("SELECT k, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                + "GROUP BY k, window_start, window_end");
        assertThat(graph).containsPattern("Source: events \\[parallelism=1\\]")
                .containsPattern("WindowAggregate \\[parallelism=4\\] <- \\d+ HASH");
    }

    @Test
    void withoutTheOptionTheSourceRunsAtTheJobsParallelism() {
        create("CREATE TABLE events (k STRING) WITH ('connector' = 'test', 'bounded' = 'false')");
        assertThat(graph("SELECT k FROM events")).containsPattern("Source: events \\[parallelism=4\\]");
    }

    @Test
    void aBadValueNamesTheOptionAndWhatIsAllowed() {
        for (String bad : List.of("0", "two", "100000")) {
            assertThatThrownBy(() -> create("CREATE TABLE t" + bad.length() + " (k STRING) WITH ('connector' = 'test', "
                    + "'scan.parallelism' = '" + bad + "')"))
                    .isInstanceOfSatisfying(WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
                    .hasMessageContaining("'scan.parallelism'").hasMessageContaining("expected a whole number");
        }
    }
}
