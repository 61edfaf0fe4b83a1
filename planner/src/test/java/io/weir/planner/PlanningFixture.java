package io.weir.planner;

import io.weir.executor.ConnectorRegistry;
import io.weir.parser.ParsedStatement;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import java.util.List;
import java.util.Map;

/** A planner over an in-memory catalog of {@link TestConnector} tables, for tests that look at job graphs. */
final class PlanningFixture {
    final Planner planner = new Planner(new Catalog(CatalogStore.inMemory()),
            ConnectorRegistry.of(List.of(new TestConnector())));
    private final DdlExecutor ddl = new DdlExecutor(planner);

    /** Runs the CREATE TABLE statements of {@code sql}. */
    void create(String sql) {
        for (ParsedStatement statement : WeirSqlParser.parseScript(sql)) {
            ddl.createTable((SqlCreateTable) statement.node(), sql);
        }
    }

    /** The job graph of query {@code sql} under session {@code options}, as EXPLAIN shows it. */
    String graph(String sql, Map<String, String> options) {
        return planner.planQuery(WeirSqlParser.parseStatement(sql), sql, options).graph().describe();
    }
}
