package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which HOP and CUMULATE window aggregates aggregate slices, and which keep a row per window. */
class WindowSlicingPlanningTest {
    private static final String HOP = "FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '2' SECOND, "
            + "INTERVAL '10' SECOND))";
    private final PlanningFixture fixture = new PlanningFixture();

    @BeforeEach
    void createTable() {
        fixture.create("CREATE TABLE events (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) "
                + "WITH ('connector' = 'test', 'bounded' = 'false')");
    }

    private String graph(String sql, String... options) {
        Map<String, String> session = new java.util.HashMap<>(Map.of("execution.runtime-mode", "streaming",
                "parallelism.default", "2"));
        for (int i = 0; i < options.length; i += 2) {
            session.put(options[i], options[i + 1]);
        }
        return fixture.graph(sql, session);
    }

    @Test
    void aKeyedHopAggregateIsSlicedAndPartitionedByItsKeyAlone() {
        String graph = graph("SELECT k, window_start, COUNT(*), SUM(v) " + HOP + " GROUP BY k, window_start, window_end");
        assertThat(graph).contains("WindowAssign(TUMBLE, time=$2, size=2000)")
                .containsPattern("WindowAggregate \\[parallelism=2\\] <- \\d+ HASH\\[0\\]")
                .contains("sliced HOP(slide=2000, size=10000)");
        assertThat(graph("SELECT k, COUNT(*) FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND, "
                + "INTERVAL '5' SECOND)) GROUP BY k, window_start, window_end"))
                .contains("sliced CUMULATE(step=1000, size=5000)");
    }

    @Test
    void windowsStayWholeWhereSlicesWouldNotDo() {
        // only window keys: every row would meet on one subtask
        assertThat(graph("SELECT window_start, COUNT(*) " + HOP + " GROUP BY window_start, window_end"))
                .contains("WindowAssign(HOP").doesNotContain("sliced");
        // an argument that reads a window column would see the slice's bounds
        assertThat(graph("SELECT k, MAX(window_time) " + HOP + " GROUP BY k, window_start, window_end"))
                .contains("WindowAssign(HOP").doesNotContain("sliced");
        // DISTINCT values are not merged across slices
        assertThat(graph("SELECT k, COUNT(DISTINCT v) " + HOP + " GROUP BY k, window_start, window_end"))
                .contains("WindowAssign(HOP").doesNotContain("sliced");
        // checkpointed window state keeps windows
        assertThat(graph("SELECT k, COUNT(*) " + HOP + " GROUP BY k, window_start, window_end",
                "execution.checkpointing.interval", "10 s")).contains("WindowAssign(HOP").doesNotContain("sliced");
    }
}
