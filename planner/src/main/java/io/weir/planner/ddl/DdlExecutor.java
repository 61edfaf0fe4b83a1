package io.weir.planner.ddl;

import static java.util.Objects.requireNonNull;

import io.weir.executor.view.MaterializedViewConnector;

import io.weir.parser.WeirSqlWriters;
import io.weir.parser.ddl.SqlCreateFunction;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.parser.ddl.SqlCreateView;
import io.weir.parser.ddl.SqlDropFunction;
import io.weir.parser.ddl.SqlDropTable;
import io.weir.parser.ddl.SqlDropView;
import io.weir.parser.dql.SqlDescribeTable;
import io.weir.parser.dql.SqlShowCreate;
import io.weir.planner.Planner;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.Column;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.catalog.ViewDefinition;
import io.weir.planner.function.UserFunctionLoader;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs the catalog statements: CREATE/DROP TABLE and VIEW, DESCRIBE, SHOW CREATE, and the
 * catalog's listings. Validation (types, expressions, connector options) happens here, before
 * anything reaches the catalog.
 */
public final class DdlExecutor {
    private final Planner planner;
    private final Catalog catalog;
    private final TableDefinitionBuilder tables;

    public DdlExecutor(Planner planner) {
        this.planner = requireNonNull(planner, "planner is null");
        this.catalog = planner.catalog();
        this.tables = new TableDefinitionBuilder(planner.connectors());
    }

    /** {@code text} is the SQL text the node's positions refer to. */
    public void createTable(SqlCreateTable create, String text) {
        String name = simpleName(create.name());
        if (catalog.exists(name)) {
            if (create.ifNotExists()) {
                return;
            }
            throw new WeirException(ErrorCode.DUPLICATE_TABLE, "Table '" + name + "' already exists");
        }
        TableDefinition table = tables.build(create, WeirSqlWriters.unparse(create), text, catalog.functions());
        catalog.createTable(table, create.ifNotExists());
    }

    /**
     * Creates a view, or for {@code CREATE MATERIALIZED VIEW} the table that keeps the view's rows
     * ({@link #isMaterializedView}); the caller then starts the job that fills it
     * ({@link #materializedViewQuery}). Returns whether a new entry was created.
     */
    public boolean createView(SqlCreateView create, String text) {
        String name = simpleName(create.name());
        if (catalog.exists(name)) {
            if (create.ifNotExists()) {
                return false;
            }
            throw new WeirException(ErrorCode.DUPLICATE_TABLE, "View '" + name + "' already exists");
        }
        RowType rowType = planner.validateQuery(create.query(), text);
        if (!create.columnNames().isEmpty()) {
            if (create.columnNames().size() != rowType.size()) {
                throw new WeirException(ErrorCode.INVALID_STATEMENT, "View '" + name + "' names "
                        + create.columnNames().size() + " columns but its query returns " + rowType.size());
            }
            List<io.weir.spi.type.Field> renamed = new ArrayList<>();
            for (int i = 0; i < rowType.size(); i++) {
                renamed.add(new io.weir.spi.type.Field(create.columnNames().get(i), rowType.type(i)));
            }
            rowType = new RowType(renamed);
        }
        String query = WeirSqlWriters.unparse(create.query());
        if (!create.columnNames().isEmpty()) {
            query = "SELECT * FROM (" + query + ") AS `v` (" + String.join(", ",
                    create.columnNames().stream().map(c -> "`" + c + "`").toList()) + ")";
        }
        if (create.materialized()) {
            List<Column> columns = new ArrayList<>();
            for (io.weir.spi.type.Field field : rowType.fields()) {
                columns.add(new Column.Physical(field.name(), field.type(), null));
            }
            Map<String, String> options = Map.of("connector", MaterializedViewConnector.IDENTIFIER,
                    MaterializedViewConnector.VIEW.key(), name, MaterializedViewConnector.QUERY.key(), query);
            catalog.createTable(new TableDefinition(name, columns, Optional.empty(), List.of(), List.of(), options,
                    null, WeirSqlWriters.unparse(create)), create.ifNotExists());
            return true;
        }
        catalog.createView(new ViewDefinition(name, query, rowType, WeirSqlWriters.unparse(create)),
                create.ifNotExists());
        return true;
    }

    /** Whether {@code table} keeps a materialized view's rows. */
    public static boolean isMaterializedView(TableDefinition table) {
        return MaterializedViewConnector.IDENTIFIER.equals(table.connector());
    }

    /** The defining query of materialized view {@code table}. */
    public static String materializedViewQuery(TableDefinition table) {
        return table.options().get(MaterializedViewConnector.QUERY.key());
    }

    /** {@code CREATE [TEMPORARY] FUNCTION}: reads the jars and checks the class before the catalog has it. */
    public void createFunction(SqlCreateFunction create) {
        String name = simpleName(create.name());
        if (catalog.function(name).isPresent()) {
            if (create.ifNotExists()) {
                return;
            }
            throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "Function '" + name + "' already exists");
        }
        catalog.createFunction(UserFunctionLoader.load(create, catalog.store(), name, WeirSqlWriters.unparse(create)));
    }

    public void dropFunction(SqlDropFunction drop) {
        String name = simpleName(drop.name());
        if (!catalog.dropFunction(name, drop.temporary()) && !drop.ifExists()) {
            throw new WeirException(ErrorCode.UNDEFINED_FUNCTION, (drop.temporary() ? "Temporary function '"
                    : "Function '") + name + "' does not exist");
        }
    }

    /** SHOW FUNCTIONS (built-ins and user-defined) or SHOW USER FUNCTIONS, sorted. */
    public List<String> functionNames(boolean userOnly) {
        java.util.SortedSet<String> names = userOnly ? new java.util.TreeSet<>() : planner.builtInFunctionNames();
        catalog.functions().forEach(f -> names.add(f.name()));
        return List.copyOf(names);
    }

    /** Re-creates a catalog entry from its stored DDL at start-up. */
    public void restore(SqlNode node, String text) {
        if (node instanceof SqlCreateTable create) {
            createTable(create, text);
        } else if (node instanceof SqlCreateView create) {
            createView(create, text);
        } else if (node instanceof SqlCreateFunction create) {
            createFunction(create);
        } else {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "not a catalog statement: " + text);
        }
    }

    public void dropTable(SqlDropTable drop) {
        String name = simpleName(drop.name());
        if (!catalog.dropTable(name) && !drop.ifExists()) {
            throw new WeirException(ErrorCode.UNDEFINED_TABLE, "Table '" + name + "' does not exist");
        }
    }

    public void dropView(SqlDropView drop) {
        String name = simpleName(drop.name());
        if (drop.materialized()) {
            boolean isView = catalog.table(name).filter(DdlExecutor::isMaterializedView).isPresent();
            if (isView) {
                catalog.dropTable(name);
                planner.connectors().materializedViews().drop(name);
            } else if (!drop.ifExists()) {
                throw new WeirException(ErrorCode.UNDEFINED_TABLE, "Materialized view '" + name + "' does not exist");
            }
            return;
        }
        if (!catalog.dropView(name) && !drop.ifExists()) {
            throw new WeirException(ErrorCode.UNDEFINED_TABLE, "View '" + name + "' does not exist");
        }
    }

    public List<String> tableNames() {
        return catalog.tables().stream().filter(t -> !isMaterializedView(t)).map(TableDefinition::name).sorted().toList();
    }

    public List<String> materializedViewNames() {
        return catalog.tables().stream().filter(DdlExecutor::isMaterializedView).map(TableDefinition::name).sorted()
                .toList();
    }

    public List<String> viewNames() {
        return catalog.views().stream().map(ViewDefinition::name).sorted().toList();
    }

    public String showCreate(SqlShowCreate show) {
        String name = simpleName(show.name());
        if (show.kind() == SqlShowCreate.Kind.VIEW) {
            return catalog.view(name).map(ViewDefinition::ddl).orElseThrow(() -> undefined("View", name));
        }
        TableDefinition table = catalog.table(name).orElseThrow(() -> undefined("Table", name));
        return SensitiveOptions.redact(table.ddl(), table.options(), planner.connectors());
    }

    /** Flink's DESCRIBE: name, type, null, key, extras, watermark. */
    public List<Object[]> describe(SqlDescribeTable describe) {
        String name = simpleName(describe.name());
        var table = catalog.table(name);
        List<Object[]> rows = new ArrayList<>();
        if (table.isPresent()) {
            TableDefinition definition = table.get();
            for (Column column : definition.columns()) {
                String type = column.type().withNullable(true).toString();
                boolean nullable = column.type().nullable() && !definition.primaryKey().contains(column.name());
                String key = definition.primaryKey().contains(column.name())
                        ? "PRI(" + String.join(", ", definition.primaryKey()) + ")" : null;
                String extras = null;
                if (column instanceof Column.Computed computed) {
                    extras = "AS " + computed.expression();
                } else if (column instanceof Column.Metadata metadata) {
                    extras = "METADATA FROM '" + metadata.key() + "'" + (metadata.virtual() ? " VIRTUAL" : "");
                }
                String watermark = definition.watermark().filter(w -> w.column().equalsIgnoreCase(column.name()))
                        .map(TableDefinition.Watermark::expression).orElse(null);
                rows.add(new Object[] {column.name(), type, nullable, key, extras, watermark});
            }
            return rows;
        }
        ViewDefinition view = catalog.view(name).orElseThrow(() -> undefined("Table", name));
        for (io.weir.spi.type.Field field : view.rowType().fields()) {
            rows.add(new Object[] {field.name(), field.type().withNullable(true).toString(), field.type().nullable(),
                null, null, null});
        }
        return rows;
    }

    private static WeirException undefined(String kind, String name) {
        return new WeirException(ErrorCode.UNDEFINED_TABLE, kind + " '" + name + "' does not exist");
    }

    static String simpleName(SqlIdentifier identifier) {
        return identifier.names.get(identifier.names.size() - 1);
    }
}
