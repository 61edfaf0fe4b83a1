package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.ConnectorRegistry;
import io.weir.parser.ParsedStatement;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.parser.ddl.SqlCreateView;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden-file tests of planning: each {@code golden/<case>.sql} is planned and the optimized plan
 * plus job graph compared with {@code golden/<case>.plan}. Regenerate every expected file with
 * {@code mvn -pl planner test -Dweir.golden.update=true} and review the diff.
 */
class PlannerGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String SCHEMA = """
            CREATE TABLE trips (trip_id BIGINT, city STRING, fare DECIMAL(10, 2), ts TIMESTAMP(3))
              WITH ('connector' = 'test');
            CREATE TABLE events (id BIGINT, v INT, ts TIMESTAMP(3), ts_plus AS ts + INTERVAL '1' SECOND,
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'test', 'bounded' = 'false');
            CREATE TABLE rates (v INT, rate DECIMAL(10, 4), valid_from TIMESTAMP(3),
              WATERMARK FOR valid_from AS valid_from, PRIMARY KEY (v) NOT ENFORCED)
              WITH ('connector' = 'test', 'bounded' = 'false');
            CREATE TABLE sink (trip_id BIGINT, fare DECIMAL(12, 2)) WITH ('connector' = 'test');
            CREATE TABLE cities (name STRING, country STRING, population BIGINT) WITH ('connector' = 'test');
            CREATE VIEW oslo AS SELECT trip_id, fare FROM trips WHERE city = 'Oslo';
            """;

    private Planner planner;

    @BeforeEach
    void createCatalog() {
        planner = new Planner(new Catalog(CatalogStore.inMemory()), ConnectorRegistry.of(java.util.List.of(new TestConnector())));
        DdlExecutor ddl = new DdlExecutor(planner);
        for (ParsedStatement statement : WeirSqlParser.parseScript(SCHEMA)) {
            if (statement.node() instanceof SqlCreateTable create) {
                ddl.createTable(create, SCHEMA);
            } else {
                ddl.createView((SqlCreateView) statement.node(), SCHEMA);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"filter_project", "group_by_order_by", "global_aggregate", "count_distinct",
        "union_all", "values", "insert_with_cast", "view", "limit_over_unbounded", "parallel_aggregate",
        "join_inner", "join_left_residual", "parallel_join", "parallel_top_n", "top_n_with_rank", "cross_join", "window_hop",
        "streaming_window_tumble", "window_cumulate", "parallel_streaming_window_hop", "parallel_streaming_over_range", "parallel_streaming_window_session", "aggregate_filter",
        "parallel_streaming_interval_join", "streaming_join_one_time_bound",
        "parallel_streaming_temporal_join", "unnest_where", "streaming_window_top_n",
        "parallel_streaming_window_top_n_after_aggregate", "streaming_window_deduplicate",
        "parallel_streaming_window_join", "streaming_window_semi_join", "streaming_window_anti_join"})
    void plansMatchTheirGoldenFiles(String name) throws IOException {
        String sql = Files.readString(GOLDEN.resolve(name + ".sql")).strip();
        Map<String, String> options = new java.util.HashMap<>();
        if (name.startsWith("parallel")) {
            options.put("parallelism.default", "3");
        }
        if (name.contains("streaming")) {
            options.put("execution.runtime-mode", "streaming");
        }
        SqlNode node = WeirSqlParser.parseStatement(sql);
        QueryPlan plan = node instanceof SqlInsert insert ? planner.planInsert(insert, sql, options)
                : planner.planQuery(node, sql, options);
        String actual = plan.logicalPlan().strip() + "\n---\n" + plan.graph().describe().strip() + "\n";
        Path expectedFile = GOLDEN.resolve(name + ".plan");
        if (Boolean.getBoolean("weir.golden.update") || !Files.exists(expectedFile)) {
            Files.writeString(expectedFile, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile));
    }
}
