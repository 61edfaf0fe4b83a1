package io.weir.planner;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.parser.WeirSqlParser;
import io.weir.planner.calcite.CatalogSchema;
import io.weir.planner.calcite.PhysicalTable;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.physical.ExprTranslator;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Event time in planning: whether a statement runs in streaming mode, and the {@link WatermarkSpec}
 * of a table's {@code WATERMARK} clause with its {@code 'scan.watermark.*'} options and the session's
 * {@code 'pipeline.auto-watermark-interval'}. Stateless.
 */
final class EventTimePlanning {
    static final String AUTO_WATERMARK_INTERVAL = "pipeline.auto-watermark-interval";
    private static final ConfigOption<Duration> INTERVAL = ConfigOption.duration(AUTO_WATERMARK_INTERVAL,
            Duration.ofMillis(200), "how often periodic watermarks are emitted");
    private static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOption.duration("scan.watermark.idle-timeout",
            null, "after how long without rows a source split stops holding the watermark back");

    private EventTimePlanning() {
    }

    /** Streaming mode: {@code 'execution.runtime-mode'} is streaming, or automatic and a table read never ends. */
    static boolean streaming(RelNode plan, Map<String, String> options, ConnectorRegistry connectors) {
        return switch (SessionOptions.runtimeMode(options)) {
            case "streaming" -> true;
            case "batch" -> false;
            default -> readsUnbounded(plan, connectors);
        };
    }

    private static boolean readsUnbounded(RelNode rel, ConnectorRegistry connectors) {
        if (rel instanceof TableScan scan) {
            PhysicalTable table = scan.getTable().unwrap(PhysicalTable.class);
            if (table != null) {
                TableDefinition definition = table.definition();
                var context = connectors.context(definition.name(), definition.physicalRowType(),
                        definition.options(), definition.partitionKeys(), definition.metadataKeys(),
                        definition.primaryKey());
                return !connectors.get(definition.connector()).createSource(context).isBounded();
            }
        }
        for (RelNode input : rel.getInputs()) {
            if (readsUnbounded(input, connectors)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The watermark of {@code table} (null when it has none), over its physical columns, translated
     * by the job's {@code exprs} so that the jars of user-defined functions it calls ship with the job.
     */
    static WatermarkSpec watermark(Catalog catalog, TableDefinition table, Map<String, String> options,
            ExprTranslator exprs) {
        if (table.watermark().isEmpty()) {
            return null;
        }
        TableDefinition.Watermark clause = table.watermark().get();
        List<String> physical = table.physicalRowType().names();
        // a computed rowtime column is expanded over the physical columns the source reads
        int rowtime = indexOfIgnoreCase(physical, clause.column());
        QueryConverter converter = new QueryConverter(catalog);
        RelNode plan = Optimizer.optimize(converter.convert(WeirSqlParser.parseStatement("SELECT "
                + clause.expression() + " FROM `" + CatalogSchema.NAME + "`.`" + table.name() + "`")).project());
        List<RexNode> projects;
        if (plan instanceof Calc calc && calc.getInput() instanceof TableScan) {
            RexProgram program = calc.getProgram();
            projects = program.getProjectList().stream().map(program::expandLocalRef).toList();
        } else if (plan instanceof Project project && project.getInput() instanceof TableScan) {
            projects = project.getProjects();
        } else {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "The watermark expression of table '"
                    + table.name() + "' is not supported yet: use an expression over its physical columns");
        }
        Expr expression = exprs.translate(projects).get(0);
        if (expression.type().kind() != TypeKind.TIMESTAMP) {
            expression = new Expr.Call("CAST", new ArrayList<>(List.of(expression)), DataType.of(TypeKind.TIMESTAMP));
        }
        String strategy = table.options().getOrDefault("scan.watermark.emit.strategy", "on-periodic");
        long interval = INTERVAL.parse(table.name(), AUTO_WATERMARK_INTERVAL,
                options.getOrDefault(AUTO_WATERMARK_INTERVAL, "200 ms")).toMillis();
        String idle = table.options().get(IDLE_TIMEOUT.key());
        long idleMillis = idle == null ? 0 : IDLE_TIMEOUT.parse(table.name(), IDLE_TIMEOUT.key(), idle).toMillis();
        return new WatermarkSpec(rowtime, expression, strategy.equalsIgnoreCase("on-event"), Math.max(1, interval),
                idleMillis);
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
