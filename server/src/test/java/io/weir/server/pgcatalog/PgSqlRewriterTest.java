package io.weir.server.pgcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.server.pgcatalog.PgCatalog.Relation;
import io.weir.server.pgcatalog.PgCatalog.Snapshot;
import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgSqlRewriterTest {
    private final Relation orders = new Relation("orders", "r", new RowType(List.of()), null);
    private final Snapshot snapshot = new Snapshot(List.of(orders), Map.of());

    @Test
    void operatorsCollationsAndCastsBecomeCalcite() {
        assertThat(PgSqlRewriter.rewrite("SELECT 1 WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default",
                snapshot)).isEqualTo("SELECT 1 WHERE c.relname  ~  '^(t)$'");
        assertThat(PgSqlRewriter.rewrite("SELECT c.oid::pg_catalog.regclass, x::text, y::int2[] FROM t", snapshot))
                .isEqualTo("SELECT c.oid::BIGINT, x::VARCHAR, y::SMALLINT ARRAY FROM t");
    }

    @Test
    void literalsStayExceptRegclassNamesAndQuotedOids() {
        assertThat(PgSqlRewriter.rewrite("SELECT 'a::text OPERATOR(pg_catalog.~)' FROM t WHERE c.oid = '16384'", snapshot))
                .isEqualTo("SELECT 'a::text OPERATOR(pg_catalog.~)' FROM t WHERE c.oid = 16384");
        assertThat(PgSqlRewriter.rewrite("SELECT 1 WHERE d.classoid = 'pg_class'::regclass OR x = 'orders'::regclass",
                snapshot)).isEqualTo("SELECT 1 WHERE d.classoid = 1259 OR x = " + orders.oid());
    }

    @Test
    void sessionFunctionsBecomeValues() {
        assertThat(PgSqlRewriter.rewrite("SELECT current_schema(), current_user, current_catalog, "
                + "(pg_catalog.current_schemas(true))[1]", snapshot)).isEqualTo("SELECT 'public', 'weir', "
                + "current_database(), (ARRAY['pg_catalog', 'public'])[1]");
    }

    @Test
    void onlyQueriesThatReadTheCatalogsGoThere() {
        assertThat(PgCatalog.isCatalogQuery("SELECT c.relname FROM pg_catalog.pg_class c")).isTrue();
        assertThat(PgCatalog.isCatalogQuery("SELECT version()")).isTrue();
        assertThat(PgCatalog.isCatalogQuery("SELECT * FROM seq WHERE name = 'pg_class'")).isFalse();
        assertThat(PgCatalog.isCatalogQuery("INSERT INTO t SELECT version()")).isFalse();
        assertThat(PgCatalog.isCatalogQuery("SELECT id FROM seq")).isFalse();
    }
}
