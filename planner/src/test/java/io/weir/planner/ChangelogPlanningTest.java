package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.parser.ParsedStatement;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changelog inference: golden plans of streaming GROUP BY and changelog sources
 * ({@code golden/changelog_*.sql}, run in streaming mode at parallelism 2 unless the case name says
 * {@code automatic}; regenerate as {@link PlannerGoldenTest} says), and the refusals of updates where
 * they cannot go.
 */
class ChangelogPlanningTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Map<String, String> STREAMING = Map.of("execution.runtime-mode", "streaming",
            "parallelism.default", "2");
    private static final String SCHEMA = """
            CREATE TABLE trips (trip_id BIGINT, city STRING, fare DECIMAL(10, 2)) WITH ('connector' = 'test');
            CREATE TABLE counts (city STRING, n BIGINT) WITH ('connector' = 'test');
            CREATE TABLE changes (city STRING, n BIGINT) WITH ('connector' = 'changelog-test');
            """;

    private Planner planner;

    /** A connector whose tables are changelogs both ways, as debezium-json files are. */
    private static final class ChangelogConnector implements TableFactory {
        @Override
        public String identifier() {
            return "changelog-test";
        }

        @Override
        public List<ConfigOption<?>> options() {
            return List.of();
        }

        @Override
        public boolean supportsSource() {
            return true;
        }

        @Override
        public boolean supportsSink() {
            return true;
        }

        @Override
        public ChangelogMode changelogMode(TableContext context) {
            return ChangelogMode.ALL;
        }

        @Override
        public io.weir.spi.connector.TableSource createSource(TableContext context) {
            return new TestConnector().createSource(new TableContext(context.tableName(), context.schema(),
                    io.weir.spi.connector.Options.validate(context.tableName(), "test", Map.of(),
                            List.of(TestConnector.BOUNDED)), context.partitionKeys()));
        }
    }

    @BeforeEach
    void createCatalog() {
        planner = new Planner(new Catalog(CatalogStore.inMemory()),
                ConnectorRegistry.of(List.of(new TestConnector(), new ChangelogConnector())));
        DdlExecutor ddl = new DdlExecutor(planner);
        for (ParsedStatement statement : WeirSqlParser.parseScript(SCHEMA)) {
            ddl.createTable((SqlCreateTable) statement.node(), SCHEMA);
        }
    }

    private QueryPlan plan(String sql, Map<String, String> options) {
        SqlNode node = WeirSqlParser.parseStatement(sql);
        return node instanceof SqlInsert insert ? planner.planInsert(insert, sql, options)
                : planner.planQuery(node, sql, options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelog_group_by", "changelog_insert", "changelog_source_automatic",
        "changelog_global_aggregate"})
    void plansMatchTheirGoldenFiles(String name) throws IOException {
        String sql = Files.readString(GOLDEN.resolve(name + ".sql")).strip();
        QueryPlan plan = plan(sql, name.endsWith("automatic") ? Map.of() : STREAMING);
        List<Integer> changelogs = plan.graph().vertices().stream()
                .filter(v -> RowKind.isChangelog(v.outputType())).map(v -> v.id()).toList();
        String actual = "columns: " + plan.resultType() + "\nchangelog vertices: " + changelogs + "\n"
                + plan.graph().describe().strip() + "\n";
        Path expectedFile = GOLDEN.resolve(name + ".plan");
        if (Boolean.getBoolean("weir.golden.update") || !Files.exists(expectedFile)) {
            Files.writeString(expectedFile, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile));
    }

    @Test
    void updatesIntoAnAppendOnlySinkAreRefusedNamingSinkAndNode() {
        assertThatThrownBy(() -> plan("INSERT INTO counts SELECT city, COUNT(*) FROM trips GROUP BY city", STREAMING))
                .isInstanceOf(WeirException.class)
                .hasMessageStartingWith("Table sink 'counts' doesn't support consuming update changes which is "
                        + "produced by node GroupAggregate(groupBy=[city], select=[city, COUNT(*)])")
                .extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
        assertThatThrownBy(() -> plan("INSERT INTO counts SELECT city, n FROM changes WHERE n > 1", Map.of()))
                .hasMessageStartingWith("Table sink 'counts' doesn't support consuming update changes which is "
                        + "produced by node TableSourceScan(table=[changes], fields=[city, n])");
    }

    @Test
    void operatorsThatNeedInsertsRefuseAChangelog() {
        assertThatThrownBy(() -> plan("SELECT city, COUNT(*) AS n FROM trips GROUP BY city ORDER BY n", STREAMING))
                .hasMessageStartingWith("Sort doesn't support consuming update changes which is produced by node "
                        + "GroupAggregate(groupBy=[city], select=[city, COUNT(*)])");
        assertThatThrownBy(() -> plan("SELECT city, COUNT(*) FROM changes GROUP BY city",
                Map.of("execution.runtime-mode", "batch")))
                .hasMessageContaining("doesn't support consuming update changes")
                .hasMessageContaining("'execution.runtime-mode' = 'streaming'");
    }

    @Test
    void batchModeKeepsTheTwoPhaseAggregateAndStreamingUsesOneGroupAggregate() {
        String sql = "INSERT INTO counts SELECT city, COUNT(*) FROM trips GROUP BY city";
        QueryPlan batch = plan(sql, Map.of("execution.runtime-mode", "batch", "parallelism.default", "2"));
        assertThat(batch.graph().vertices()).filteredOn(v -> v.operator() instanceof AggregateSpec).hasSize(2);
        assertThat(batch.graph().vertices()).noneMatch(v -> v.operator() instanceof GroupAggregateSpec);
        QueryPlan streaming = plan("INSERT INTO changes SELECT city, COUNT(*) FROM trips GROUP BY city", STREAMING);
        assertThat(streaming.graph().vertices()).noneMatch(v -> v.operator() instanceof AggregateSpec);
        assertThat(streaming.graph().vertices()).filteredOn(v -> v.operator() instanceof GroupAggregateSpec)
                .singleElement().satisfies(v -> assertThat(v.outputType().names()).containsExactly("city", "EXPR$1",
                        "$row_kind"));
    }

    @Test
    void theSessionStateTtlReachesEveryUnwindowedStatefulOperator() {
        Map<String, String> ttl = new java.util.HashMap<>(STREAMING);
        ttl.put(SessionOptions.STATE_TTL, "2 s");
        String sql = "SELECT * FROM (SELECT t.city, c.n, ROW_NUMBER() OVER (PARTITION BY t.city ORDER BY t.fare DESC) AS rn "
                + "FROM trips t JOIN (SELECT city, COUNT(*) AS n FROM trips GROUP BY city) c ON t.city = c.city) WHERE rn <= 2";
        List<Long> ttls = plan(sql, ttl).graph().vertices().stream().map(v -> v.operator())
                .map(spec -> spec instanceof GroupAggregateSpec g ? g.stateTtlMillis()
                        : spec instanceof io.weir.executor.plan.StreamingJoinSpec j ? j.stateTtlMillis()
                        : spec instanceof io.weir.executor.plan.StreamingRankSpec r ? r.stateTtlMillis() : null)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(ttls).as("aggregate, join and Top-N").containsExactly(2000L, 2000L, 2000L);
        assertThat(plan(sql, STREAMING).graph().describe()).doesNotContain("stateTtl");

        ttl.put(SessionOptions.STATE_TTL, "1000");
        assertThat(plan("SELECT city, COUNT(*) FROM trips GROUP BY city", ttl).graph().describe())
                .contains("stateTtl=1000 ms");
        ttl.put(SessionOptions.STATE_TTL, "an hour");
        assertThatThrownBy(() -> plan("SELECT city, COUNT(*) FROM trips GROUP BY city", ttl))
                .isInstanceOf(WeirException.class)
                .hasMessage("Invalid value 'an hour' for 'table.exec.state.ttl': expected a duration such as '0' "
                        + "(no TTL), '1000 ms', '10 s', '1 min' or '1 h' (a bare number is milliseconds)")
                .extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }
}
