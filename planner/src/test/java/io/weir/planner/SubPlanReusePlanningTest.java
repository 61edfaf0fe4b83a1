package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subtree that occurs twice is built once, unless the session turns Flink's sub-plan reuse off. */
class SubPlanReusePlanningTest {
    // both sides read k and v: the same subtree (a side that read other columns would be another one)
    private static final String SELF_JOIN = "SELECT a.k, a.v, b.v FROM (SELECT k, v FROM events WHERE v > 0) a "
            + "JOIN (SELECT k, v FROM events WHERE v > 0) b ON a.k = b.k";
    private final PlanningFixture fixture = new PlanningFixture();

    @BeforeEach
    void createTable() {
        fixture.create("CREATE TABLE events (k STRING, v INT) WITH ('connector' = 'test')");
    }

    private static long sources(String graph) {
        return graph.lines().filter(line -> line.contains("Source: events")).count();
    }

    @Test
    void bothSidesOfASelfJoinReadOneSource() {
        String graph = fixture.graph(SELF_JOIN, Map.of("execution.runtime-mode", "batch"));
        assertThat(sources(graph)).isEqualTo(1);
        assertThat(graph).containsPattern("Join \\[parallelism=1\\] <- (\\d+) FORWARD <- \\1 FORWARD");
    }

    @Test
    void withReuseOffEachSideReadsItsOwn() {
        assertThat(sources(fixture.graph(SELF_JOIN, Map.of("execution.runtime-mode", "batch",
                "table.optimizer.reuse-sub-plan-enabled", "false")))).isEqualTo(2);
    }

    @Test
    void aBadValueNamesTheOptionAndWhatIsAllowed() {
        assertThatThrownBy(() -> fixture.graph(SELF_JOIN, Map.of("table.optimizer.reuse-sub-plan-enabled", "maybe")))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("'table.optimizer.reuse-sub-plan-enabled'").hasMessageContaining("true or false")
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
