package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A source that reads columns by name is given only the columns its query and its watermark use. */
class SourceProjectionPlanningTest {
    private PlanningFixture fixture;

    @BeforeEach
    void createCatalog() {
        fixture = new PlanningFixture();
        for (String projection : List.of("true", "false")) {
            fixture.create("CREATE TABLE events_" + projection + " (id BIGINT, name STRING, note STRING, amount INT, "
                    + "ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'test', "
                    + "'projection' = '" + projection + "')");
        }
    }

    private String graph(String sql) {
        return fixture.graph(sql, Map.of("execution.runtime-mode", "streaming"));
    }

    @Test
    void theSourceReadsTheUsedColumnsAndTheWatermarksWithReferencesRenumbered() {
        String graph = graph("SELECT name FROM events_true WHERE amount > 1");
        // name, amount and ts are columns 1, 3 and 4 of the table, 0, 1 and 2 of what the source reads
        assertThat(graph).contains("columns=[name, amount, ts], watermark=-($2, 1000)")
                .contains("Calc(where >($1, 1), select $0)");
    }

    @Test
    void aSourceThatReadsByPositionGetsEveryColumn() {
        assertThat(graph("SELECT name FROM events_false WHERE amount > 1"))
                .contains("columns=[id, name, note, amount, ts], watermark=-($4, 1000)");
    }

    @Test
    void aQueryThatReadsNoColumnStillGetsOneToCountRows() {
        assertThat(fixture.graph("SELECT 'row' FROM events_true", Map.of("execution.runtime-mode", "batch")))
                .contains("columns=[id]");
    }
}
