package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.ConnectorRegistry;
import io.weir.parser.ParsedStatement;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Window aggregates over a PROCTIME() column are marked processing-time; event-time ones are not. */
class ProcessingTimeWindowPlanningTest {
    private static final String SCHEMA = """
            CREATE TABLE events (id BIGINT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(),
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'test', 'bounded' = 'false');
            """;

    private Planner planner;

    @BeforeEach
    void createCatalog() {
        planner = new Planner(new Catalog(CatalogStore.inMemory()), ConnectorRegistry.of(List.of(new TestConnector())));
        DdlExecutor ddl = new DdlExecutor(planner);
        for (ParsedStatement statement : WeirSqlParser.parseScript(SCHEMA)) {
            ddl.createTable((SqlCreateTable) statement.node(), SCHEMA);
        }
    }

    private String graph(String sql) {
        return planner.planQuery(WeirSqlParser.parseStatement(sql), sql, Map.of("execution.runtime-mode", "streaming"))
                .graph().describe();
    }

    @Test
    void aTumbleOverAProcTimeColumnIsAProcessingTimeWindowAggregate() {
        assertThat(graph("SELECT v, COUNT(*), window_start FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(pt), "
                + "INTERVAL '10' SECOND)) GROUP BY v, window_start, window_end"))
                .containsPattern("WindowAggregate\\(groupBy=\\[[0-9, ]+\\], windowEnd=\\d+, calls=.*, processing time\\)");
        // PROCTIME() computed in a subquery, as Nexmark q12 does
        assertThat(graph("SELECT v, COUNT(*) FROM TABLE(HOP((SELECT id, v, PROCTIME() AS p FROM events), "
                + "DESCRIPTOR(p), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY v, window_start, window_end"))
                .contains(", processing time)");
    }

    @Test
    void aTumbleOverTheRowtimeStaysAnEventTimeWindowAggregate() {
        assertThat(graph("SELECT v, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                + "GROUP BY v, window_start, window_end"))
                .contains("WindowAggregate(").doesNotContain("processing time");
    }

    @Test
    void aSessionOverProcessingTimeIsRefused() {
        assertThatThrownBy(() -> graph("SELECT v, COUNT(*) FROM TABLE(SESSION(TABLE events PARTITION BY v, "
                + "DESCRIPTOR(pt), INTERVAL '10' SECOND)) GROUP BY v, window_start, window_end"))
                .isInstanceOfSatisfying(WeirException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED))
                .hasMessageContaining("SESSION windows over a processing-time attribute");
    }
}
