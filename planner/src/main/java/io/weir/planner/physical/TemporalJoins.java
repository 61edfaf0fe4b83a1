package io.weir.planner.physical;

import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.TemporalJoinSpec;
import io.weir.planner.calcite.PhysicalTable;
import io.weir.planner.catalog.TableDefinition;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexTableInputRef.RelTableRef;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Recognizes an event-time temporal join, as Flink's: {@code Correlate(probe, [Calc] Snapshot(period =
 * $cor.rowtime, versioned))} where the period is the probe side's time attribute (its table's
 * WATERMARK column, passed on unchanged). The correlate becomes a join of the probe and the versioned
 * input (the condition's correlation variables turned into probe columns), whose equi keys must
 * include the versioned table's primary key and whose versioned input must have a time attribute of
 * its own (the version time); a Calc after it applies the correlate's projection. A versioned view
 * ({@link VersionedViews}) is joined as the log it deduplicates, its PARTITION BY columns the primary
 * key and its ORDER BY column the version time. Stateless.
 *
 * <p>Refused with a message (0A000), as Flink does: a join other than INNER or LEFT, a condition
 * without an equality, a versioned table without a primary key or without a WATERMARK, and keys that
 * do not cover the primary key.
 */
final class TemporalJoins {
    /**
     * A temporal join: {@code join} is the probe joined with the versioned input under the ON
     * condition; {@code projects} (over the join's output) give the correlate's row, the identity
     * when {@code needsCalc} is false.
     */
    record TemporalJoin(LogicalJoin join, int probeTime, int versionTime, VersionKey key,
            List<RexNode> projects, boolean needsCalc) {
    }

    /**
     * The columns the join keys must cover, as {@code description} in messages: a table's primary key,
     * matched with the keys' origin columns, or a versioned view's PARTITION BY columns, matched with
     * the names of the log's columns the keys are ({@code ofLogColumns}).
     */
    record VersionKey(String description, List<String> columns, boolean ofLogColumns) {
    }

    /** The versioned input joined, the snapshot column each of its columns is, and its version time column. */
    private record Versioned(RelNode input, List<Integer> columnOf, int versionTime, VersionKey key) {
    }

    private TemporalJoins() {
    }

    /** Whether {@code correlate} (temporal, see {@link LookupJoins#isTemporal}) reads its table as of the probe's rowtime. */
    static boolean isEventTime(Correlate correlate) {
        RexNode period = LookupJoins.snapshotSide(correlate).snapshot().getPeriod();
        return period instanceof RexFieldAccess access && access.getReferenceExpr() instanceof RexCorrelVariable
                && IntervalJoins.isRowtime(correlate.getLeft(), access.getField().getIndex());
    }

    static TemporalJoin of(Correlate correlate) {
        if (correlate.getJoinType() != JoinRelType.INNER && correlate.getJoinType() != JoinRelType.LEFT) {
            throw unsupported("An event-time temporal join must be an INNER or LEFT join, not "
                    + correlate.getJoinType());
        }
        LookupJoins.SnapshotSide side = LookupJoins.snapshotSide(correlate);
        RelNode probe = correlate.getLeft();
        Versioned versionedSide = VersionedViews.of(side.snapshot().getInput()).map(TemporalJoins::ofView)
                .orElseGet(() -> ofTable(side.snapshot().getInput()));
        RelNode versioned = versionedSide.input();
        List<Integer> columnOf = versionedSide.columnOf();
        int versionTime = versionedSide.versionTime();
        RexBuilder rex = correlate.getCluster().getRexBuilder();
        int probeCount = probe.getRowType().getFieldCount();
        RexNode condition = side.condition() == null ? rex.makeLiteral(true)
                : side.condition().accept(decorrelate(rex, probeCount, columnOf, false));
        LogicalJoin join = LogicalJoin.create(probe, versioned, List.of(), condition, Set.of(),
                correlate.getJoinType());
        boolean leftOuter = correlate.getJoinType() == JoinRelType.LEFT;
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < probeCount; i++) {
            projects.add(rex.makeInputRef(join, i));
        }
        if (side.projects() == null) {
            columnOf.forEach(c -> projects.add(rex.makeInputRef(join, probeCount + c)));
        } else {
            RexShuttle toJoin = decorrelate(rex, probeCount, columnOf, leftOuter);
            side.projects().forEach(p -> projects.add(p.accept(toJoin)));
        }
        int probeTime = ((RexFieldAccess) side.snapshot().getPeriod()).getField().getIndex();
        boolean identity = projects.size() == join.getRowType().getFieldCount() && isIdentity(projects);
        return new TemporalJoin(join, probeTime, versionTime, versionedSide.key(), projects, !identity);
    }

    /**
     * The versioned side is the log a versioned view deduplicates, not the deduplication: every row of
     * the log is the version of its key from its time on, and the view as of a time is each key's
     * latest row at or before it, which is what the join looks up among the versions it keeps. The
     * deduplication's changelog would be wrong here: it retracts a replaced row with -D at that row's
     * own time, which the join takes for the end of the key, and it drops a row behind its key's latest
     * one although a probe row waiting for the watermark may still be due at that row's time.
     */
    private static Versioned ofView(VersionedViews.VersionedView view) {
        List<String> fields = view.log().getRowType().getFieldNames();
        Set<RelTableRef> tables = view.log().getCluster().getMetadataQuery().getTableReferences(view.log());
        PhysicalTable log = tables != null && tables.size() == 1
                ? tables.iterator().next().getTable().unwrap(PhysicalTable.class) : null;
        String description = "versioned view over " + (log == null ? "a query" : "'" + log.definition().name() + "'");
        List<String> key = view.key().stream().map(fields::get).toList();
        return new Versioned(view.log(), view.columnOf(), view.versionTime(), new VersionKey(description, key, true));
    }

    /** A versioned table: the snapshot's input, or what it trimmed when the version time is not among its columns. */
    private static Versioned ofTable(RelNode versioned) {
        TableDefinition table = versionedTable(versioned);
        List<Integer> columnOf = identity(versioned.getRowType().getFieldCount());
        List<Integer> untrimmed = trimmedColumns(versioned);
        if (versionTime(versioned) < 0 && untrimmed != null) {
            // the converter trimmed the unused columns, the version time among them: join the whole rows
            columnOf = untrimmed;
            versioned = versioned.getInput(0);
        }
        int versionTime = versionTime(versioned);
        if (versionTime < 0) {
            throw unsupported("An event-time temporal join requires a row time attribute on versioned table '"
                    + table.name() + "' (a WATERMARK column, selected unchanged), but none can be found");
        }
        VersionKey key = new VersionKey("versioned table '" + table.name() + "'", table.primaryKey(), false);
        return new Versioned(versioned, columnOf, versionTime, key);
    }

    /** Whether {@code projects} are the references {@code $0, $1, ...} in order. */
    private static boolean isIdentity(List<RexNode> projects) {
        for (int i = 0; i < projects.size(); i++) {
            if (!(projects.get(i) instanceof RexInputRef ref) || ref.getIndex() != i) {
                return false;
            }
        }
        return true;
    }

    /** The input columns of a projection made of column references only (the converter's trimming), else null. */
    private static List<Integer> trimmedColumns(RelNode rel) {
        List<RexNode> projects = rel instanceof Project project ? project.getProjects()
                : rel instanceof Calc calc && calc.getProgram().getCondition() == null
                ? calc.getProgram().getProjectList().stream().map(calc.getProgram()::expandLocalRef).toList() : null;
        if (projects == null || !projects.stream().allMatch(p -> p instanceof RexInputRef)) {
            return null;
        }
        return projects.stream().map(p -> ((RexInputRef) p).getIndex()).toList();
    }

    private static List<Integer> identity(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /** The join as a {@link TemporalJoinSpec}, once its keys are known to cover the table's primary key. */
    static TemporalJoinSpec spec(TemporalJoin temporal, JoinSpec join) {
        VersionKey key = temporal.key();
        if (join.rightKeys().isEmpty()) {
            throw unsupported("An event-time temporal join on " + key.description() + " needs an equality "
                    + "between one of its columns and the probe side in its ON condition");
        }
        RelMetadataQuery metadata = temporal.join().getCluster().getMetadataQuery();
        RelNode versioned = temporal.join().getRight();
        Set<String> keyColumns = new HashSet<>();
        for (int column : join.rightKeys()) {
            if (key.ofLogColumns()) {
                keyColumns.add(versioned.getRowType().getFieldNames().get(column).toLowerCase(Locale.ROOT));
                continue;
            }
            RelColumnOrigin origin = metadata.getColumnOrigin(versioned, column);
            if (origin != null && !origin.isDerived()) {
                keyColumns.add(origin.getOriginTable().getRowType().getFieldList()
                        .get(origin.getOriginColumnOrdinal()).getName().toLowerCase(Locale.ROOT));
            }
        }
        boolean covered = key.columns().stream().allMatch(c -> keyColumns.contains(c.toLowerCase(Locale.ROOT)));
        if (!covered) {
            throw unsupported("The primary key " + key.columns() + " of " + key.description()
                    + " must be included in the equalities of the temporal join's ON condition, which compares "
                    + keyColumns.stream().sorted().toList());
        }
        return new TemporalJoinSpec(join, temporal.probeTime(), temporal.versionTime());
    }

    /** The table the versioned input reads, which must have a primary key. */
    private static TableDefinition versionedTable(RelNode versioned) {
        Set<RelTableRef> tables = versioned.getCluster().getMetadataQuery().getTableReferences(versioned);
        PhysicalTable physical = tables != null && tables.size() == 1
                ? tables.iterator().next().getTable().unwrap(PhysicalTable.class) : null;
        if (physical == null) {
            throw unsupported("An event-time temporal join (FOR SYSTEM_TIME AS OF a rowtime) needs a versioned "
                    + "table (a table with a PRIMARY KEY and a WATERMARK) or a versioned view, not "
                    + RelOptUtil.toString(versioned).strip());
        }
        TableDefinition table = physical.definition();
        if (table.primaryKey().isEmpty()) {
            throw unsupported("An event-time temporal join requires a primary key on versioned table '"
                    + table.name() + "', but it has none; declare PRIMARY KEY (...) NOT ENFORCED");
        }
        return table;
    }

    /** The versioned input's time attribute (its table's WATERMARK column, passed on unchanged), or -1. */
    private static int versionTime(RelNode versioned) {
        for (int i = 0; i < versioned.getRowType().getFieldCount(); i++) {
            if (IntervalJoins.isRowtime(versioned, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Rewrites an expression over the snapshot (with the probe row as {@code $cor}) into one over the
     * join's row: probe columns first, then the versioned input's (nullable when {@code nullable});
     * snapshot column {@code i} is the versioned input's column {@code columnOf.get(i)}.
     */
    private static RexShuttle decorrelate(RexBuilder rex, int probeCount, List<Integer> columnOf, boolean nullable) {
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return rex.makeInputRef(nullable ? rex.getTypeFactory().createTypeWithNullability(ref.getType(), true)
                        : ref.getType(), probeCount + columnOf.get(ref.getIndex()));
            }

            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable) {
                    return rex.makeInputRef(access.getType(), access.getField().getIndex());
                }
                return super.visitFieldAccess(access);
            }
        };
    }

    private static WeirException unsupported(String message) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, message);
    }
}
