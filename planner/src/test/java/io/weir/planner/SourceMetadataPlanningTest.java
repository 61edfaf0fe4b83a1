package io.weir.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.SourceSpec;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metadata columns of sources ({@code col TYPE METADATA FROM 'key' VIRTUAL}): keys are checked at
 * CREATE TABLE, the reader is asked for them after the physical columns, the query sees them at their
 * declared positions, and the connector learns the primary key.
 */
class SourceMetadataPlanningTest {
    private final AtomicReference<TableContext> lastContext = new AtomicReference<>();
    private Planner planner;
    private DdlExecutor ddl;

    /** A connector offering the metadata keys {@code op_ts} and {@code lsn}; remembers the context it got. */
    private final class MetadataConnector implements TableFactory {
        @Override
        public String identifier() {
            return "metadata-test";
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
        public Map<String, DataType> readableMetadata() {
            Map<String, DataType> keys = new LinkedHashMap<>();
            keys.put("op_ts", DataType.of(TypeKind.TIMESTAMP_LTZ));
            keys.put("lsn", DataType.of(TypeKind.BIGINT));
            return keys;
        }

        @Override
        public TableSource createSource(TableContext context) {
            lastContext.set(context);
            return new TestConnector().createSource(new TableContext(context.tableName(), context.schema(),
                    io.weir.spi.connector.Options.validate(context.tableName(), "test", Map.of(),
                            List.of(TestConnector.BOUNDED)), context.partitionKeys()));
        }
    }

    @BeforeEach
    void createCatalog() {
        planner = new Planner(new Catalog(CatalogStore.inMemory()),
                ConnectorRegistry.of(List.of(new TestConnector(), new MetadataConnector())));
        ddl = new DdlExecutor(planner);
    }

    private void create(String sql) {
        ddl.createTable((SqlCreateTable) WeirSqlParser.parseStatement(sql), sql);
    }

    @Test
    void metadataColumnsAreReadAfterThePhysicalOnesAndShownWhereDeclared() {
        create("CREATE TABLE t (id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'op_ts' VIRTUAL, name STRING, "
                + "lsn BIGINT METADATA VIRTUAL, doubled AS id * 2, PRIMARY KEY (id) NOT ENFORCED) "
                + "WITH ('connector' = 'metadata-test')");
        String sql = "SELECT * FROM t";
        QueryPlan plan = planner.planQuery(WeirSqlParser.parseStatement(sql), sql, Map.of());
        assertThat(plan.resultType().names()).containsExactly("id", "ts", "name", "lsn", "doubled");
        SourceSpec source = plan.graph().vertices().stream().map(v -> v.operator())
                .filter(SourceSpec.class::isInstance).map(SourceSpec.class::cast).findFirst().orElseThrow();
        assertThat(source.schema().names()).containsExactly("id", "name", "ts", "lsn");
        assertThat(source.metadataKeys()).containsExactly("op_ts", "lsn");
        assertThat(source.physicalSchema().names()).containsExactly("id", "name");
        assertThat(source.primaryKey()).containsExactly("id");
        assertThat(lastContext.get().metadataKeys()).containsExactly("op_ts", "lsn");
        assertThat(lastContext.get().primaryKey()).containsExactly("id");
        assertThat(lastContext.get().schema().names()).containsExactly("id", "name");
    }

    @Test
    void anUnknownMetadataKeyIsRefusedListingTheKeys() {
        assertThatThrownBy(() -> create("CREATE TABLE u (id BIGINT, x STRING METADATA FROM 'row_kind' VIRTUAL) "
                + "WITH ('connector' = 'metadata-test')"))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("Column 'x' of table 'u' reads metadata 'row_kind'")
                .hasMessageContaining("available keys: lsn, op_ts");
        assertThatThrownBy(() -> create("CREATE TABLE v (id BIGINT, x STRING METADATA FROM 'lsn') "
                + "WITH ('connector' = 'test')"))
                .hasMessageContaining("it offers no metadata");
    }
}
