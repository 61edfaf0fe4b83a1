package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.parser.ParsedStatement;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A window aggregation with DISTINCT calls stays a window aggregate, as in Flink: insert-only, state freed per window. */
class WindowDistinctPlanningTest {
    @Test
    void countDistinctPerTumbleWindowIsAWindowAggregate() {
        Planner planner = new Planner(new Catalog(CatalogStore.inMemory()),
                ConnectorRegistry.of(List.of(new TestConnector())));
        String ddl = "CREATE TABLE events (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) "
                + "WITH ('connector' = 'test', 'bounded' = 'false')";
        for (ParsedStatement statement : WeirSqlParser.parseScript(ddl)) {
            new DdlExecutor(planner).createTable((SqlCreateTable) statement.node(), ddl);
        }
        String sql = "SELECT window_start, COUNT(DISTINCT k), SUM(DISTINCT v), COUNT(*) FROM TABLE(TUMBLE(TABLE events, "
                + "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end";
        QueryPlan plan = planner.planQuery(WeirSqlParser.parseStatement(sql), sql,
                Map.of("execution.runtime-mode", "streaming", "parallelism.default", "2"));
        assertThat(plan.graph().vertices()).noneMatch(v -> v.operator() instanceof GroupAggregateSpec);
        assertThat(plan.graph().vertices()).filteredOn(v -> v.operator() instanceof WindowAggregateSpec).singleElement()
                .satisfies(v -> assertThat(((WindowAggregateSpec) v.operator()).calls())
                        .extracting(call -> call.distinct()).containsExactly(true, true, false));
    }
}
