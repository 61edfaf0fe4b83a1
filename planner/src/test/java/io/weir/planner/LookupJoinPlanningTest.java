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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Processing-time temporal joins on a lookup-capable table become a LookupJoin vertex. */
class LookupJoinPlanningTest {
    private static final String SCHEMA = """
            CREATE TABLE orders (order_id BIGINT, customer_id BIGINT, amount DECIMAL(10, 2),
              proc_time AS PROCTIME()) WITH ('connector' = 'test', 'bounded' = 'false');
            CREATE TABLE customers (id BIGINT, name STRING, country STRING) WITH ('connector' = 'test');
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

    private QueryPlan plan(String sql) {
        return planner.planQuery(WeirSqlParser.parseStatement(sql), sql, Map.of("execution.runtime-mode", "streaming"));
    }

    private static String describe(QueryPlan plan) {
        return plan.graph().describe();
    }

    @Test
    void aProcessingTimeJoinOnALookupTableBecomesALookupJoin() {
        String graph = describe(plan("SELECT o.order_id, c.name FROM orders AS o "
                + "JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id"));
        assertThat(graph).contains("LookupJoin(table=customers, joinType=InnerJoin, lookup=[id], probeKeys=[1])")
                .doesNotContain("Source(table=customers");
    }

    @Test
    void aLeftJoinKeepsUnmatchedRowsAndOtherConditionsOfAnInnerJoinFilterAfterwards() {
        assertThat(describe(plan("SELECT o.order_id, c.name FROM orders AS o LEFT JOIN customers "
                + "FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id")))
                .contains("joinType=LeftOuterJoin");
        String inner = describe(plan("SELECT o.order_id, c.name FROM orders AS o JOIN customers "
                + "FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id AND c.country = 'NO' "
                + "AND o.amount > 10"));
        assertThat(inner).contains("lookup=[id]").contains("Calc(where AND(=($8, 'NO')");
    }

    @Test
    void aChangelogProbeIsLookedUpChangeByChange() {
        QueryPlan plan = plan("SELECT o.customer_id, o.n, c.name FROM (SELECT customer_id, COUNT(*) AS n, "
                + "PROCTIME() AS pt FROM orders GROUP BY customer_id) AS o "
                + "JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.customer_id = c.id");
        assertThat(describe(plan)).contains("GroupAggregate").contains("LookupJoin(table=customers");
        assertThat(plan.resultType().names()).startsWith("op");
    }

    @Test
    void whatALookupJoinCannotDoIsRefusedWithAReason() {
        assertThatThrownBy(() -> plan("SELECT o.order_id FROM orders AS o LEFT JOIN customers "
                + "FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id AND c.country = 'NO'"))
                .hasMessageContaining("LEFT lookup join");
        assertThatThrownBy(() -> plan("SELECT o.order_id FROM orders AS o JOIN customers "
                + "FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.amount > 1"))
                .hasMessageContaining("needs an equality");
        assertThatThrownBy(() -> plan("SELECT o.order_id FROM orders AS o JOIN customers "
                + "FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00' AS c ON o.customer_id = c.id"))
                .hasMessageContaining("processing-time");
    }
}
