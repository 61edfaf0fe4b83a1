package io.weir.planner;

import static java.util.Objects.requireNonNull;

import io.weir.parser.WeirSqlParser;
import io.weir.planner.calcite.CatalogSchema;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.function.FlinkFunctions;
import io.weir.planner.function.EventTimeFunctions;
import io.weir.planner.physical.VersionedViews;
import io.weir.planner.type.WeirTypeSystem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Validates a statement against a snapshot of the catalog and converts it into a logical plan
 * (Calcite {@link RelRoot}). One instance per statement: Calcite's validator keeps per-statement
 * state. Views and computed columns are expanded here, recursively.
 */
final class QueryConverter implements RelOptTable.ViewExpander {
    private static final SqlOperatorTable OPERATORS = EventTimeFunctions.over(FlinkFunctions.over(
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL)));

    private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(WeirTypeSystem.INSTANCE);
    private final CalciteCatalogReader catalogReader;
    private final RelOptCluster cluster;
    private final SqlOperatorTable userFunctions;
    /**
     * The name of each view expanded so far, by its plan's text: the converter hands on a copy of the
     * expansion, so identity does not find it. Two views of the same plan share an entry.
     */
    private final Map<String, String> viewExpansions = new HashMap<>();

    QueryConverter(Catalog catalog) {
        requireNonNull(catalog, "catalog is null");
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        root.add(CatalogSchema.NAME, CatalogSchema.visible(catalog));
        root.add(CatalogSchema.PHYSICAL_NAME, CatalogSchema.physical(catalog));
        root.add(CatalogSchema.SOURCE_NAME, CatalogSchema.source(catalog));
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        CalciteConnectionConfig config = new CalciteConnectionConfigImpl(properties);
        this.catalogReader = new CalciteCatalogReader(root, List.of(CatalogSchema.NAME), typeFactory, config);
        this.userFunctions = SqlOperatorTables.of(catalog.functions().stream()
                .map(io.weir.planner.function.UserFunctionOperator::new).toList());
        this.cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    }

    /** The names of the built-in functions, for SHOW FUNCTIONS. */
    static java.util.SortedSet<String> builtInFunctionNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (org.apache.calcite.sql.SqlOperator operator : OPERATORS.getOperatorList()) {
            if (operator instanceof org.apache.calcite.sql.SqlFunction && operator.getName().matches("[A-Z_][A-Z_0-9]*")) {
                names.add(operator.getName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    RelDataTypeFactory typeFactory() {
        return typeFactory;
    }

    RelOptCluster cluster() {
        return cluster;
    }

    SqlValidator newValidator() {
        SqlOperatorTable operators = SqlOperatorTables.chain(OPERATORS, userFunctions, catalogReader);
        return SqlValidatorUtil.newValidator(operators, catalogReader, typeFactory,
                SqlValidator.Config.DEFAULT
                        .withConformance(SqlConformanceEnum.LENIENT)
                        .withIdentifierExpansion(true)
                        // Flink sorts NULLs first in ascending order
                        .withDefaultNullCollation(NullCollation.LOW));
    }

    /** Validates {@code node} and converts it; the caller turns Calcite's exceptions into Weir's. */
    RelRoot convert(SqlNode node) {
        SqlValidator validator = newValidator();
        SqlNode validated = validator.validate(node);
        SqlToRelConverter converter = new SqlToRelConverter(this, validator, catalogReader, cluster,
                StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(true));
        RelRoot root = converter.convertQuery(validated, false, true);
        requireVersionedViews(root.rel);
        return root.withRel(converter.trimUnusedFields(true, root.rel));
    }

    /**
     * Refuses a view read FOR SYSTEM_TIME AS OF that is not a versioned view. Checked here because
     * only until trimming rebuilds the plan does a snapshot's input show which view it expands.
     */
    private void requireVersionedViews(RelNode rel) {
        if (rel instanceof Snapshot snapshot) {
            RelNode input = snapshot.getInput();
            String view = viewExpansions.get(RelOptUtil.toString(input));
            if (view == null && input instanceof Project project) {
                // the view's root projection, when it renames or drops the query's columns
                view = viewExpansions.get(RelOptUtil.toString(project.getInput()));
            }
            if (view != null) {
                VersionedViews.requireVersioned(view, Optimizer.optimize(input));
            }
        }
        rel.getInputs().forEach(this::requireVersionedViews);
    }

    /** The validated row type of a query, without converting it. */
    RelDataType validateQuery(SqlNode node) {
        SqlValidator validator = newValidator();
        SqlNode validated = validator.validate(node);
        return validator.getValidatedNodeType(validated);
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
            List<String> viewPath) {
        SqlNode query = WeirSqlParser.parseStatement(queryString);
        RelRoot root = convert(query);
        viewExpansions.put(RelOptUtil.toString(root.rel), viewPath.get(viewPath.size() - 1));
        return root;
    }
}
