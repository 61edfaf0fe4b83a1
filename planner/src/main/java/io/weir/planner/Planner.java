package io.weir.planner;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.JobGraph;
import io.weir.planner.calcite.CatalogSchema;
import io.weir.planner.calcite.PhysicalTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.physical.ChangelogInference;
import io.weir.planner.physical.ExprTranslator;
import io.weir.planner.physical.JobGraphBuilder;
import io.weir.planner.physical.StateTtls;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans SELECT and INSERT statements into job graphs: validation against the catalog, conversion
 * to a logical plan, Hep optimization, translation into a {@link JobGraph}. Thread-safe: each call
 * works on its own Calcite objects over a snapshot of the catalog.
 */
public final class Planner {
    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);

    private final Catalog catalog;
    private final ConnectorRegistry connectors;

    public Planner(Catalog catalog, ConnectorRegistry connectors) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A planner for one session: over its own {@link Catalog#forSession() catalog view}, for its temporary functions. */
    public Planner forSession() {
        return new Planner(catalog.forSession(), connectors);
    }

    public ConnectorRegistry connectors() {
        return connectors;
    }

    /**
     * Plans a query whose rows go to the client.
     *
     * @param text the SQL text the node's positions refer to (for error positions)
     */
    public QueryPlan planQuery(SqlNode query, String text, Map<String, String> options) {
        try {
            QueryConverter converter = new QueryConverter(catalog);
            RelRoot root = converter.convert(query);
            RelNode optimized = Optimizer.optimize(root.project());
            JobGraphBuilder builder = newBuilder(converter, options, optimized);
            String name = options.getOrDefault(SessionOptions.PIPELINE_NAME, "collect");
            JobGraph graph = builder.buildQuery(name, optimized, options);
            RowType resultType = TypeConverter.toRowType(root.validatedRowType);
            ChangelogInference.Result changes = changelog(graph, builder, options);
            graph = changes.graph();
            resultType = changes.changelogResult() ? ChangelogInference.withOpColumn(resultType) : resultType;
            LOG.debug("Plan of query:\n{}", RelOptUtil.toString(optimized));
            return new QueryPlan(graph, resultType, RelOptUtil.toString(optimized), builder.unboundedTables(),
                    changes.changelogResult());
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, text);
        }
    }

    /** Plans {@code INSERT INTO target SELECT ...} into a job that writes the target table. */
    public QueryPlan planInsert(SqlInsert insert, String text, Map<String, String> options) {
        try {
            SqlIdentifier target = (SqlIdentifier) insert.getTargetTable();
            String tableName = target.names.get(target.names.size() - 1);
            TableDefinition table = catalog.table(tableName).orElseThrow(() -> catalog.view(tableName).isPresent()
                    ? new WeirException(ErrorCode.WRONG_OBJECT_TYPE, "Cannot INSERT INTO the view '" + tableName + "'")
                    : new WeirException(ErrorCode.UNDEFINED_TABLE, "Table '" + tableName + "' does not exist"));
            if (!connectors.get(table.connector()).supportsSink()) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Table '" + table.name()
                        + "' cannot be written to: connector '" + table.connector() + "' is read-only");
            }
            // Only the physical columns are written; computed ones are derived when read.
            insert.setOperand(1, new SqlIdentifier(List.of(CatalogSchema.PHYSICAL_NAME, table.name()),
                    target.getParserPosition()));
            QueryConverter converter = new QueryConverter(catalog);
            RelRoot root = converter.convert(insert);
            RelNode optimized = Optimizer.optimize(root.rel);
            if (!(optimized instanceof TableModify modify)) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "INSERT did not plan into a table modification");
            }
            if (modify.getTable().unwrap(PhysicalTable.class) == null) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "INSERT target is not a catalog table");
            }
            JobGraphBuilder builder = newBuilder(converter, options, optimized);
            String name = options.getOrDefault(SessionOptions.PIPELINE_NAME, "insert-into_" + table.name());
            JobGraph graph = changelog(builder.buildInsert(name, modify, table, options), builder, options).graph();
            return new QueryPlan(graph, new RowType(List.of()), RelOptUtil.toString(optimized),
                    builder.unboundedTables());
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, text);
        }
    }

    /**
     * Validates a query or INSERT holding dynamic parameters ({@code ?}) without planning a job:
     * the parameters' inferred types and the result columns (for prepared statements).
     */
    public StatementDescription describeStatement(SqlNode statement, String text) {
        try {
            return StatementDescriber.describe(catalog, statement);
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, text);
        }
    }

    /** The columns a query returns, for CREATE VIEW and DESCRIBE. */
    public RowType validateQuery(SqlNode query, String text) {
        try {
            RelDataType type = new QueryConverter(catalog).validateQuery(query);
            return TypeConverter.toRowType(type);
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, text);
        }
    }

    /**
     * Validates {@code expression} (SQL text) over the physical columns of {@code table}, which must
     * be in the catalog, and returns its type.
     */
    public io.weir.spi.type.DataType expressionType(TableDefinition table, String expression, String text) {
        try {
            QueryConverter converter = new QueryConverter(catalog);
            SqlNode query = io.weir.parser.WeirSqlParser.parseStatement("SELECT " + expression
                    + " FROM `" + CatalogSchema.PHYSICAL_NAME + "`.`" + table.name() + "`");
            return TypeConverter.toRowType(converter.validateQuery(query)).type(0);
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, text);
        }
    }

    /** The type a column declaration such as {@code DECIMAL(10, 2) NOT NULL} or {@code STRING} stands for. */
    public io.weir.spi.type.DataType columnType(org.apache.calcite.sql.SqlDataTypeSpec spec, String text) {
        try {
            QueryConverter converter = new QueryConverter(catalog);
            boolean nullable = spec.getNullable() == null || spec.getNullable();
            return TypeConverter.toDataType(spec.deriveType(converter.newValidator(), nullable));
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, text);
        }
    }

    /** The names of the built-in scalar functions, lower case, sorted. */
    public java.util.SortedSet<String> builtInFunctionNames() {
        return QueryConverter.builtInFunctionNames();
    }

    /** Decides which vertices emit a changelog and refuses updates where they cannot go (see {@link ChangelogInference}). */
    private ChangelogInference.Result changelog(JobGraph graph, JobGraphBuilder builder, Map<String, String> options) {
        ChangelogInference.Result result = ChangelogInference.apply(graph, connectors,
                SessionOptions.runtimeMode(options), !builder.unboundedTables().isEmpty());
        return new ChangelogInference.Result(StateTtls.apply(result.graph(), SessionOptions.stateTtlMillis(options)),
                result.changelogResult());
    }

    private JobGraphBuilder newBuilder(QueryConverter converter, Map<String, String> options, RelNode plan) {
        ExprTranslator exprs = new ExprTranslator(converter.cluster().getRexBuilder());
        return new JobGraphBuilder(connectors, exprs, SessionOptions.parallelism(options),
                EventTimePlanning.streaming(plan, options, connectors),
                table -> EventTimePlanning.watermark(catalog, table, options, exprs));
    }
}
