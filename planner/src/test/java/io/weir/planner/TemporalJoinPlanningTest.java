package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.ConnectorRegistry;
import io.weir.parser.ParsedStatement;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.parser.ddl.SqlCreateView;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event-time temporal joins on a versioned table (primary key and watermark) become a TemporalJoin vertex. */
class TemporalJoinPlanningTest {
    private static final String SCHEMA = """
            CREATE TABLE orders (order_id BIGINT, currency STRING, amount DECIMAL(10, 2), order_time TIMESTAMP(3),
              WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND)
              WITH ('connector' = 'test', 'bounded' = 'false');
            CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), valid_from TIMESTAMP(3),
              WATERMARK FOR valid_from AS valid_from, PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'test');
            CREATE TABLE rates_without_key (currency STRING, rate DECIMAL(10, 4), valid_from TIMESTAMP(3),
              WATERMARK FOR valid_from AS valid_from) WITH ('connector' = 'test');
            CREATE TABLE rates_without_time (currency STRING, rate DECIMAL(10, 4), valid_from TIMESTAMP(3),
              PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'test');
            CREATE TABLE regional_rates (currency STRING, region STRING, rate DECIMAL(10, 4), valid_from TIMESTAMP(3),
              WATERMARK FOR valid_from AS valid_from, PRIMARY KEY (currency, region) NOT ENFORCED)
              WITH ('connector' = 'test');
            CREATE TABLE rates_log (currency STRING, rate DECIMAL(10, 4), valid_from TIMESTAMP(3),
              WATERMARK FOR valid_from AS valid_from) WITH ('connector' = 'test');
            CREATE VIEW versioned_rates AS SELECT currency, rate, valid_from FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY valid_from DESC) AS rownum FROM rates_log)
              WHERE rownum = 1;
            CREATE VIEW first_rates AS SELECT currency, rate, valid_from FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY valid_from ASC) AS rownum FROM rates_log)
              WHERE rownum = 1;
            CREATE VIEW versioned_positive_rates AS SELECT valid_from, rate, currency FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY valid_from DESC) AS rownum FROM rates_log
              WHERE rate > 0) WHERE rownum = 1;
            CREATE VIEW positive_rates AS SELECT * FROM rates_log WHERE rate > 0;
            CREATE VIEW rates_of_versioned_rates AS SELECT * FROM versioned_rates;
            """;

    private Planner planner;

    @BeforeEach
    void createCatalog() {
        planner = new Planner(new Catalog(CatalogStore.inMemory()), ConnectorRegistry.of(List.of(new TestConnector())));
        DdlExecutor ddl = new DdlExecutor(planner);
        for (ParsedStatement statement : WeirSqlParser.parseScript(SCHEMA)) {
            if (statement.node() instanceof SqlCreateView view) {
                ddl.createView(view, SCHEMA);
            } else {
                ddl.createTable((SqlCreateTable) statement.node(), SCHEMA);
            }
        }
    }

    private String graph(String sql) {
        return planner.planQuery(WeirSqlParser.parseStatement(sql), sql, Map.of("execution.runtime-mode", "streaming",
                "parallelism.default", "2")).graph().describe();
    }

    @Test
    void anEventTimeJoinOnAVersionedTableBecomesATemporalJoinHashedOnItsKeys() {
        String graph = graph("SELECT o.order_id, o.amount * r.rate FROM orders AS o JOIN rates "
                + "FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency");
        assertThat(graph).contains("TemporalJoin(type=INNER, on=[$1 = right.$0]) as of $3, versions by right.$2")
                .contains("<- 1 HASH[1] <- 2 HASH[0]").doesNotContain("LookupJoin");
    }

    @Test
    void theVersionTimeIsKeptWhenTheQueryDoesNotSelectIt() {
        String graph = graph("SELECT o.order_id, r.rate FROM orders AS o LEFT JOIN rates "
                + "FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency AND r.rate > 1");
        assertThat(graph).contains("TemporalJoin(type=LEFT, on=[$1 = right.$0], where >(").contains("versions by right.$2")
                .contains("Source(table=rates, connector=test, columns=[currency, rate, valid_from]");
    }

    @Test
    void whatATemporalJoinCannotDoIsRefusedWithAReason() {
        assertRefused("SELECT o.order_id FROM orders AS o JOIN rates_without_key FOR SYSTEM_TIME AS OF o.order_time "
                + "AS r ON o.currency = r.currency", "requires a primary key on versioned table 'rates_without_key'");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN rates_without_time FOR SYSTEM_TIME AS OF o.order_time "
                + "AS r ON o.currency = r.currency", "requires a row time attribute on versioned table 'rates_without_time'");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.amount > r.rate", "needs an equality");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN regional_rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.currency = r.currency", "The primary key [currency, region] of versioned table 'regional_rates'");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.currency = r.currency AND o.amount > 1 OR o.order_id = 1", "needs an equality");
    }

    @Test
    void aVersionedViewJoinsTheLogItDeduplicatesKeyedByItsPartitionColumns() {
        // the Rank is dropped: each row of the log is a version of its key from its time on
        String sql = "SELECT o.order_id, r.rate FROM orders AS o JOIN versioned_rates "
                + "FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency";
        assertThat(graph(sql)).contains("Source(table=rates_log, connector=test, columns=[currency, rate, valid_from]")
                .contains("TemporalJoin(type=INNER, on=[$1 = right.$0]) as of $2, versions by right.$2")
                .contains("<- 2 HASH[1] <- 3 HASH[0]").doesNotContain("Rank");
    }

    @Test
    void aLeftJoinOnAVersionedViewOverAFilteredLogKeepsTheVersionTimeItDoesNotSelect() {
        String graph = graph("SELECT o.order_id, r.rate FROM orders AS o LEFT JOIN versioned_positive_rates "
                + "FOR SYSTEM_TIME AS OF o.order_time AS r ON r.currency = o.currency AND r.rate < 10");
        assertThat(graph).contains("TemporalJoin(type=LEFT, on=[$1 = right.$0], where <(")
                .contains("versions by right.$2").contains("Calc(where >(CAST($1), 0.0000), select $0, $1, $2)")
                .doesNotContain("Rank");
    }

    @Test
    void aViewOfAVersionedViewIsVersionedToo() {
        assertThat(graph("SELECT o.order_id, r.rate FROM orders AS o JOIN rates_of_versioned_rates "
                + "FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency"))
                .contains("TemporalJoin(type=INNER, on=[$1 = right.$0]) as of $2, versions by right.$2")
                .doesNotContain("Rank");
    }

    @Test
    void aViewThatIsNotADeduplicationByTimeDescendingIsRefusedNamingIt() {
        assertRefused("SELECT o.order_id FROM orders AS o JOIN first_rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.currency = r.currency", "View 'first_rates' is not a versioned view");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN positive_rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.currency = r.currency", "View 'positive_rates' is not a versioned view");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN versioned_rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.amount > r.rate", "needs an equality");
        assertRefused("SELECT o.order_id FROM orders AS o JOIN versioned_rates FOR SYSTEM_TIME AS OF o.order_time AS r "
                + "ON o.order_time = r.valid_from", "The primary key [currency] of versioned view over 'rates_log'");
    }

    private void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> graph(sql)).isInstanceOf(WeirException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED));
    }
}
