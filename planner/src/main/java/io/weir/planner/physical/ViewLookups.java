package io.weir.planner.physical;

import io.weir.executor.view.MaterializedViewConnector;
import io.weir.planner.catalog.TableDefinition;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Point lookups on materialized views: a filter {@code column = constant} right above a view's scan
 * is handed to the view's source as the options {@code lookup.column} and {@code lookup.value}, so it
 * reads only the matching rows through the view's index instead of every row. The filter still runs
 * after the source, so the lookup is purely an optimization.
 */
final class ViewLookups {
    private ViewLookups() {
    }

    /** The lookup options for a scan of {@code table} under {@code condition}; empty when there is none. */
    static Map<String, String> of(TableDefinition table, RexNode condition) {
        if (condition == null || !MaterializedViewConnector.IDENTIFIER.equals(table.connector())) {
            return Map.of();
        }
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            if (!(conjunct instanceof RexCall call) || call.getKind() != SqlKind.EQUALS) {
                continue;
            }
            RexNode left = call.getOperands().get(0);
            RexNode right = call.getOperands().get(1);
            if (right instanceof RexInputRef && left instanceof RexLiteral) {
                RexNode swap = left;
                left = right;
                right = swap;
            }
            if (left instanceof RexInputRef ref && right instanceof RexLiteral literal && !literal.isNull()
                    && literal.getValue2() != null) {
                return Map.of(MaterializedViewConnector.LOOKUP_COLUMN.key(), Integer.toString(ref.getIndex()),
                        MaterializedViewConnector.LOOKUP_VALUE.key(), String.valueOf(literal.getValue2()));
            }
        }
        return Map.of();
    }
}
