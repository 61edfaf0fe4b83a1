package io.weir.planner.physical;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Rewrites {@code AGG(x) FILTER (WHERE c)} as {@code AGG(CASE WHEN c THEN x END)} (and
 * {@code COUNT(*) FILTER (WHERE c)} as {@code COUNT(CASE WHEN c THEN TRUE END)}): every aggregate
 * Weir runs ignores NULL arguments, so rows the filter rejects simply do not count, and the
 * operators need no notion of filters. Nexmark q15–q17 use such filters.
 */
final class AggregateFilters {
    private AggregateFilters() {
    }

    static Aggregate withoutFilters(Aggregate aggregate) {
        RelNode input = aggregate.getInput();
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        List<RexNode> projects = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RelDataTypeField field : input.getRowType().getFieldList()) {
            projects.add(rex.makeInputRef(input, field.getIndex()));
            names.add(field.getName());
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (call.filterArg < 0) {
                calls.add(call);
                continue;
            }
            if (call.getArgList().size() > 1 || call.getAggregation().getKind() != SqlKind.COUNT
                    && call.getArgList().isEmpty()) {
                throw new io.weir.spi.error.WeirException(io.weir.spi.error.ErrorCode.FEATURE_NOT_SUPPORTED,
                        "FILTER on the aggregate " + call.getAggregation().getName() + " is not supported yet");
            }
            RexNode condition = rex.makeInputRef(input, call.filterArg);
            RexNode value = call.getArgList().isEmpty() ? rex.makeLiteral(true)
                    : rex.makeInputRef(input, call.getArgList().get(0));
            RexNode filtered = rex.makeCall(SqlStdOperatorTable.CASE, condition, value,
                    rex.makeNullLiteral(rex.getTypeFactory().createTypeWithNullability(value.getType(), true)));
            int column = projects.size();
            projects.add(filtered);
            names.add("$filtered" + column);
            calls.add(AggregateCall.create(call.getParserPosition(), call.getAggregation(), call.isDistinct(),
                    call.isApproximate(), call.ignoreNulls(), call.rexList, List.of(column), -1, call.distinctKeys,
                    call.collation, call.getType(), call.getName()));
        }
        RelNode project = LogicalProject.create(input, List.of(), projects, names, java.util.Set.of());
        return aggregate.copy(aggregate.getTraitSet(), project, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
    }
}
