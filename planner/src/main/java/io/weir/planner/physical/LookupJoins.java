package io.weir.planner.physical;

import io.weir.executor.ConnectorRegistry;
import io.weir.planner.calcite.PhysicalTable;
import io.weir.planner.catalog.TableDefinition;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Recognizes a processing-time temporal join on a lookup table, which Calcite's converter hands over
 * as {@code Correlate(probe, Calc(cond, Snapshot(period = $cor.proc_time, Scan(table))))}, and
 * describes it for a {@code LookupJoinSpec}: the equalities {@code $cor.f = table column} of the
 * condition become the lookup keys; what else the condition and the projection say becomes a Calc
 * over the join's output (probe columns, then the table's columns). Stateless.
 *
 * <p>A period that is the probe side's WATERMARK column makes an event-time temporal join instead
 * (see {@link TemporalJoins}). Refused with a message: any other period, a table whose connector
 * cannot look up, a condition without an equality on a table column, a LEFT join whose condition has
 * more than key equalities, and join types other than INNER and LEFT.
 */
final class LookupJoins {
    /**
     * A lookup join: {@code projects} and {@code condition} (null: none) are over the lookup join's
     * output and give the correlate's row; {@code needsCalc} is false when they are the identity.
     */
    record LookupJoin(RelNode probe, TableDefinition table, List<Integer> probeKeys, List<String> lookupKeys,
            boolean leftOuter, List<RexNode> projects, RexNode condition, boolean needsCalc) {
    }

    /**
     * The right side of a temporal correlate: the snapshot, and the condition (null: none) and the
     * projection (null: none) over it, which refer to the probe row through the correlation variable.
     */
    record SnapshotSide(Snapshot snapshot, RexNode condition, List<RexNode> projects) {
    }

    private LookupJoins() {
    }

    /** Splits {@code correlate}'s right side, {@code [Calc | Filter | Project] Snapshot}. */
    static SnapshotSide snapshotSide(Correlate correlate) {
        RelNode right = correlate.getRight();
        RexNode condition = null;
        List<RexNode> projects = null;
        if (right instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
            projects = program.getProjectList().stream().map(program::expandLocalRef).toList();
            right = calc.getInput();
        } else if (right instanceof Filter filter) {
            condition = filter.getCondition();
            right = filter.getInput();
        } else if (right instanceof Project project) {
            projects = project.getProjects();
            right = project.getInput();
        }
        if (!(right instanceof Snapshot snapshot)) {
            throw unsupportedShape(correlate);
        }
        return new SnapshotSide(snapshot, condition, projects);
    }

    /** Whether {@code correlate}'s right side reads a table {@code FOR SYSTEM_TIME AS OF}. */
    static boolean isTemporal(Correlate correlate) {
        RelNode right = correlate.getRight();
        while (right instanceof Calc || right instanceof Filter || right instanceof Project) {
            right = right.getInput(0);
        }
        return right instanceof Snapshot;
    }

    static LookupJoin of(Correlate correlate, ConnectorRegistry connectors) {
        boolean leftOuter = switch (correlate.getJoinType()) {
            case INNER -> false;
            case LEFT -> true;
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "A lookup join (FOR SYSTEM_TIME AS OF) "
                    + "must be an INNER or LEFT join, not " + correlate.getJoinType());
        };
        RexBuilder rex = correlate.getCluster().getRexBuilder();
        SnapshotSide side = snapshotSide(correlate);
        RexNode condition = side.condition();
        List<RexNode> projects = side.projects();
        Snapshot snapshot = side.snapshot();
        checkProcessingTime(correlate, snapshot);
        RelNode below = snapshot.getInput();
        List<Integer> columnOf = identity(below.getRowType().getFieldCount());
        List<RexNode> trimmed = below instanceof Project project ? project.getProjects()
                : below instanceof Calc calc && calc.getProgram().getCondition() == null
                ? calc.getProgram().getProjectList().stream().map(calc.getProgram()::expandLocalRef).toList() : null;
        // the converter trims the table's unused columns with a projection of plain column references
        // (a constant stands in when no column is used; it can be no lookup key)
        if (trimmed != null && trimmed.stream().allMatch(p -> p instanceof RexInputRef || p instanceof RexLiteral)) {
            columnOf = trimmed.stream().map(p -> p instanceof RexInputRef ref ? ref.getIndex() : -1).toList();
            below = below.getInput(0);
        }
        PhysicalTable physical = below instanceof TableScan scan ? scan.getTable().unwrap(PhysicalTable.class) : null;
        if (physical == null) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "FOR SYSTEM_TIME AS OF works on a table of a "
                    + "connector with lookups (e.g. 'connector' = 'jdbc') without computed columns, not on "
                    + RelOptUtil.toString(snapshot.getInput()).strip());
        }
        TableDefinition table = physical.definition();
        if (!connectors.get(table.connector()).supportsLookup()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Table '" + table.name() + "' (connector '"
                    + table.connector() + "') cannot be looked up: FOR SYSTEM_TIME AS OF needs a connector that "
                    + "supports lookup joins, e.g. 'connector' = 'jdbc'");
        }
        int leftCount = correlate.getLeft().getRowType().getFieldCount();
        RowType tableSchema = table.physicalRowType();
        List<Integer> probeKeys = new ArrayList<>();
        List<String> lookupKeys = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        for (RexNode conjunct : condition == null ? List.<RexNode>of() : RelOptUtil.conjunctions(condition)) {
            int[] pair = keyPair(conjunct);
            if (pair != null && columnOf.get(pair[1]) < 0) {
                pair = null;
            }
            String column = pair == null ? null : tableSchema.field(columnOf.get(pair[1])).name();
            if (pair != null && !lookupKeys.contains(column)) {
                probeKeys.add(pair[0]);
                lookupKeys.add(column);
            } else {
                residual.add(conjunct);
            }
        }
        if (lookupKeys.isEmpty()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "A lookup join on table '" + table.name()
                    + "' needs an equality between a column of the table and the probe side in its ON condition");
        }
        if (leftOuter && !residual.isEmpty()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "A LEFT lookup join on table '" + table.name()
                    + "' may only compare columns for equality in its ON condition; filter the result instead");
        }
        List<Integer> mapping = columnOf;
        RexShuttle toJoinOutput = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int column = mapping.get(ref.getIndex());
                return rex.makeInputRef(leftOuter ? rex.getTypeFactory().createTypeWithNullability(ref.getType(), true)
                        : ref.getType(), leftCount + column);
            }

            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable) {
                    return rex.makeInputRef(access.getType(), access.getField().getIndex());
                }
                return super.visitFieldAccess(access);
            }
        };
        List<RexNode> outputs = new ArrayList<>();
        for (int i = 0; i < leftCount; i++) {
            outputs.add(rex.makeInputRef(correlate.getLeft().getRowType().getFieldList().get(i).getType(), i));
        }
        List<RexNode> rightProjects = projects != null ? projects : identityRefs(rex, snapshot);
        rightProjects.forEach(p -> outputs.add(p.accept(toJoinOutput)));
        RexNode filter = residual.isEmpty() ? null : RexUtil.composeConjunction(rex, residual).accept(toJoinOutput);
        boolean identity = filter == null && columnOf.equals(identity(tableSchema.size())) && projects == null;
        return new LookupJoin(correlate.getLeft(), table, probeKeys, lookupKeys, leftOuter, outputs, filter, !identity);
    }

    /** The output type of the lookup vertex: the probe's columns, then the table's (nullable when LEFT). */
    static RowType outputType(RowType probe, RowType tableSchema, boolean leftOuter) {
        List<Field> fields = new ArrayList<>(probe.fields());
        for (Field field : tableSchema.fields()) {
            fields.add(leftOuter ? new Field(field.name(), field.type().withNullable(true)) : field);
        }
        return new RowType(fields);
    }

    /** {@code [probe field, snapshot field]} of {@code $cor.f = $i} (either order, casts allowed), else null. */
    private static int[] keyPair(RexNode conjunct) {
        if (conjunct.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) conjunct).getOperands();
        for (int side = 0; side < 2; side++) {
            RexNode probe = strip(operands.get(side));
            RexNode lookup = strip(operands.get(1 - side));
            if (probe instanceof RexFieldAccess access && access.getReferenceExpr() instanceof RexCorrelVariable
                    && lookup instanceof RexInputRef ref) {
                return new int[] {access.getField().getIndex(), ref.getIndex()};
            }
        }
        return null;
    }

    private static RexNode strip(RexNode node) {
        return node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
    }

    /** Refuses event time: the period must be a column the probe side computes with PROCTIME(). */
    private static void checkProcessingTime(Correlate correlate, Snapshot snapshot) {
        if (snapshot.getPeriod() instanceof RexFieldAccess access
                && access.getReferenceExpr() instanceof RexCorrelVariable
                && isProcTime(correlate.getLeft(), access.getField().getIndex())) {
            return;
        }
        throw notProcessingTime();
    }

    /** The refusal of a snapshot that is not the lookup side of a processing-time join. */
    static WeirException notProcessingTime() {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "FOR SYSTEM_TIME AS OF needs a time attribute of "
                + "the probe side: a processing-time one (a column declared AS PROCTIME(), for a lookup join) or its "
                + "event-time one (its WATERMARK column, for a temporal join on a versioned table)");
    }

    /** Whether column {@code field} of {@code rel} is PROCTIME(), computed there or below it and passed on. */
    static boolean isProcTime(RelNode rel, int field) {
        RexNode expression;
        if (rel instanceof Calc calc) {
            expression = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
        } else if (rel instanceof Project project) {
            expression = project.getProjects().get(field);
        } else if (rel instanceof Filter filter) {
            return isProcTime(filter.getInput(), field);
        } else {
            return false;
        }
        if (expression instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase("PROCTIME")) {
            return true;
        }
        return expression instanceof RexInputRef ref && isProcTime(rel.getInput(0), ref.getIndex());
    }

    private static List<Integer> identity(int count) {
        List<Integer> identity = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            identity.add(i);
        }
        return identity;
    }

    private static List<RexNode> identityRefs(RexBuilder rex, RelNode rel) {
        List<RexNode> refs = new ArrayList<>();
        for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
            refs.add(rex.makeInputRef(rel, i));
        }
        return refs;
    }

    private static WeirException unsupportedShape(Correlate correlate) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir cannot run this lookup join yet: "
                + RelOptUtil.toString(correlate).strip());
    }

}
