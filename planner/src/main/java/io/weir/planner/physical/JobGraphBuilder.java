package io.weir.planner.physical;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.internal.Checkpointing;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.AggregateMode;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.Edge;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.IntervalJoinSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.LookupJoinSpec;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.plan.SourceSpec;
import io.weir.executor.plan.UnionSpec;
import io.weir.executor.plan.UnnestSpec;
import io.weir.executor.plan.ValuesSpec;
import io.weir.executor.plan.Vertex;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.executor.plan.WindowAssignSpec;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.plan.WindowRankSpec;
import io.weir.executor.plan.WindowSlicing;
import io.weir.planner.SessionOptions;
import io.weir.planner.calcite.PhysicalTable;
import io.weir.planner.catalog.Column;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Exchange;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlExplainLevel;

/**
 * Turns an optimized logical plan into the executor's {@link JobGraph}: one vertex per operator,
 * with the exchange each edge needs. Aggregations are split into a partial aggregate before the
 * hash exchange and a final one after it (unless DISTINCT needs every row in one place); sorts and
 * the client's result run at parallelism 1.
 *
 * <p>Also records which tables the plan reads and whether all of them are bounded.
 */
public final class JobGraphBuilder {
    private final ConnectorRegistry connectors;
    private final ExprTranslator exprs;
    private final int parallelism;
    private final boolean streaming;
    private final Function<TableDefinition, WatermarkSpec> watermarks;
    private final List<Vertex> vertices = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Set<String> unboundedTables = new LinkedHashSet<>();
    private final Set<String> sourceTables = new LinkedHashSet<>();
    /** The job's configuration, from the statement being built (checkpointed jobs plan window aggregates differently). */
    private Map<String, String> config = Map.of();
    private boolean reuseSubPlans = true;
    /** The vertex built for each subtree, by its plan text: identical subtrees share it (see {@link #visit}). */
    private final Map<String, Built> builtSubtrees = new HashMap<>();

    /** A vertex built so far: its id, parallelism and output columns. */
    private record Built(int id, int parallelism, RowType type) {
    }

    public JobGraphBuilder(ConnectorRegistry connectors, ExprTranslator exprs, int parallelism) {
        this(connectors, exprs, parallelism, false, table -> null);
    }

    /**
     * @param streaming whether the job runs in streaming mode: sources generate watermarks and window
     *     aggregations fire as the watermark advances
     * @param watermarks the watermark of a table (null: none), used in streaming mode
     */
    public JobGraphBuilder(ConnectorRegistry connectors, ExprTranslator exprs, int parallelism, boolean streaming,
            Function<TableDefinition, WatermarkSpec> watermarks) {
        this.streaming = streaming;
        this.watermarks = requireNonNull(watermarks, "watermarks is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.exprs = requireNonNull(exprs, "exprs is null");
        if (parallelism < 1) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "'parallelism.default' must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** The tables read by the plan that never end. */
    public Set<String> unboundedTables() {
        return unboundedTables;
    }

    public Set<String> sourceTables() {
        return sourceTables;
    }

    private void configure(Map<String, String> jobConfig) {
        this.config = jobConfig;
        this.reuseSubPlans = SessionOptions.reuseSubPlans(jobConfig);
    }

    /** A job that sends the rows of {@code query} to the client. */
    public JobGraph buildQuery(String name, RelNode query, Map<String, String> config) {
        configure(config);
        Built input = visit(query);
        Built collect = add("Collect", 1, new CollectSpec(), input.type());
        connect(input, collect, 0, List.of());
        return new JobGraph(JobGraph.CURRENT_VERSION, name, vertices, edges, config, exprs.functionJars());
    }

    /** A job that writes the rows of {@code modify}'s input into its target table. */
    public JobGraph buildInsert(String name, TableModify modify, TableDefinition target, Map<String, String> config) {
        configure(config);
        Built input = visit(modify.getInput());
        input = castTo(input, target.physicalRowType());
        // a row_kind column is written at its declared place; ChangelogInference puts the Calc that fills it
        List<Field> written = new ArrayList<>();
        List<String> metadataColumns = new ArrayList<>();
        for (Column column : target.columns()) {
            if (column instanceof Column.Physical) {
                written.add(new Field(column.name(), column.type()));
            } else if (column instanceof Column.Metadata metadata && metadata.key().equals(RowKind.METADATA_KEY)) {
                written.add(new Field(column.name(), column.type()));
                metadataColumns.add(column.name());
            }
        }
        RowType sinkType = new RowType(written);
        SinkSpec spec = new SinkSpec(target.name(), target.connector(), target.options(), sinkType,
                target.partitionKeys(), metadataColumns.stream().map(c -> RowKind.METADATA_KEY).toList(),
                metadataColumns, target.primaryKey());
        Built sink = add("Sink: " + target.name(), input.parallelism(), spec, sinkType);
        // an upsert sink gets each key's changes on one subtask, in order (Flink keys its input by the primary key)
        connect(input, sink, 0, UpsertKeys.of(connectors, target, sinkType));
        return new JobGraph(JobGraph.CURRENT_VERSION, name, vertices, edges, config, exprs.functionJars());
    }

    /**
     * The vertex that computes {@code rel}. A subtree that occurs twice in the plan (q5 counts the same
     * HOP windows for both sides of its join; a self-join reads its table twice) is built once and its
     * vertex feeds every consumer, as Flink's sub-plan reuse does: the rows are the same, so computing
     * them again would only cost a second source, state and exchange. Off with
     * {@code 'table.optimizer.reuse-sub-plan-enabled' = 'false'}, as in Flink.
     */
    private Built visit(RelNode rel) {
        if (!reuseSubPlans) {
            return build(rel);
        }
        String subtree = RelOptUtil.toString(rel, SqlExplainLevel.DIGEST_ATTRIBUTES) + rel.getRowType().getFullTypeString();
        Built built = builtSubtrees.get(subtree);
        if (built == null) {
            built = build(rel);
            builtSubtrees.put(subtree, built);
        }
        return built;
    }

    private Built build(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return visitScan(scan);
        }
        if (rel instanceof TableFunctionScan scan && WindowFunctions.isWindow(scan)) {
            return visitWindow(scan);
        }
        if (rel instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
            List<RexNode> projects = program.getProjectList().stream().map(program::expandLocalRef).toList();
            if (calc.getInput() instanceof Window window && RankSpecs.isRank(window)) {
                return visitRank(window, condition, projects, rel);
            }
            if (calc.getInput() instanceof TableScan scan && scan.getTable().unwrap(PhysicalTable.class) != null) {
                TableDefinition table = scan.getTable().unwrap(PhysicalTable.class).definition();
                ScannedColumns scanned = visitScan(scan, ViewLookups.of(table, condition), projects, condition);
                if (scanned.projection() != null) {
                    projects = projects.stream().map(scanned.projection()::renumber).toList();
                    condition = scanned.projection().renumber(condition);
                }
                return calc(scanned.source(), projects, condition, rel);
            }
            return calc(visit(calc.getInput()), projects, condition, rel);
        }
        if (rel instanceof Join join) {
            return visitJoin(join);
        }
        if (rel instanceof Correlate correlate && LookupJoins.isTemporal(correlate)) {
            return TemporalJoins.isEventTime(correlate) ? visitTemporalJoin(correlate) : visitLookupJoin(correlate);
        }
        if (rel instanceof Correlate correlate && Unnests.isUnnest(correlate)) {
            return visitUnnest(correlate);
        }
        if (rel instanceof Snapshot) {
            throw LookupJoins.notProcessingTime();
        }
        if (rel instanceof Window window && RankSpecs.isRank(window)) {
            return visitRank(window, null, null, window);
        }
        if (rel instanceof Window window) {
            return visitOver(window);
        }
        if (rel instanceof Project project) {
            return calc(visit(project.getInput()), project.getProjects(), null, rel);
        }
        if (rel instanceof Filter filter) {
            Built input = visit(filter.getInput());
            List<RexNode> identity = IntStream.range(0, filter.getRowType().getFieldCount())
                    .mapToObj(i -> (RexNode) filter.getCluster().getRexBuilder().makeInputRef(filter, i)).toList();
            return calc(input, identity, filter.getCondition(), rel);
        }
        if (rel instanceof Aggregate aggregate) {
            return visitAggregate(aggregate);
        }
        if (rel instanceof Sort sort) {
            return visitSort(sort);
        }
        if (rel instanceof Union union) {
            return visitUnion(union);
        }
        if (rel instanceof Values values) {
            return visitValues(values);
        }
        throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "Weir cannot run this part of the query yet: " + rel.getRelTypeName());
    }

    private Built visitJoin(Join join) {
        Built left = visit(join.getLeft());
        Built right = visit(join.getRight());
        JoinSpec spec = JoinSpecs.of(join, exprs);
        int joinParallelism = spec.leftKeys().isEmpty() ? 1 : parallelism;
        // in streaming mode a join that bounds two time attributes keeps rows only while the watermark allows
        Optional<WindowJoinSpec> window = streaming ? WindowColumns.windowJoin(join, spec) : Optional.empty();
        Optional<IntervalJoinSpec> interval = streaming && window.isEmpty() ? IntervalJoins.of(join, spec)
                : Optional.empty();
        RowType type = TypeConverter.toRowType(join.getRowType());
        Built joined = window.isPresent() ? add("WindowJoin", joinParallelism, window.get(), type)
                : interval.isPresent() ? add("IntervalJoin", joinParallelism, interval.get(), type)
                : add("Join", joinParallelism, spec, type);
        connect(left, joined, 0, spec.leftKeys());
        connect(right, joined, 1, spec.rightKeys());
        return joined;
    }

    /** A lookup join (see {@link LookupJoins}), with a Calc after it for what the keys do not cover. */
    private Built visitLookupJoin(Correlate correlate) {
        LookupJoins.LookupJoin lookup = LookupJoins.of(correlate, connectors);
        Built probe = visit(lookup.probe());
        TableDefinition table = lookup.table();
        LookupJoinSpec spec = new LookupJoinSpec(table.name(), table.connector(), table.options(),
                table.physicalRowType(), lookup.probeKeys(), lookup.lookupKeys(), lookup.leftOuter());
        Built joined = add("LookupJoin: " + table.name(), probe.parallelism(), spec,
                LookupJoins.outputType(probe.type(), table.physicalRowType(), lookup.leftOuter()));
        connect(probe, joined, 0, List.of());
        return lookup.needsCalc() ? calc(joined, lookup.projects(), lookup.condition(), correlate) : joined;
    }

    /** An event-time temporal join (see {@link TemporalJoins}), both inputs hashed on the join keys. */
    private Built visitTemporalJoin(Correlate correlate) {
        TemporalJoins.TemporalJoin temporal = TemporalJoins.of(correlate);
        Built probe = visit(temporal.join().getLeft());
        Built versioned = visit(temporal.join().getRight());
        JoinSpec join = JoinSpecs.of(temporal.join(), exprs);
        Built joined = add("TemporalJoin", parallelism, TemporalJoins.spec(temporal, join),
                TypeConverter.toRowType(temporal.join().getRowType()));
        connect(probe, joined, 0, join.leftKeys());
        connect(versioned, joined, 1, join.rightKeys());
        return temporal.needsCalc() ? calc(joined, temporal.projects(), null, correlate) : joined;
    }

    /**
     * An UNNEST (see {@link Unnests}): collections that are not plain columns are computed by a Calc
     * that appends them to the left row, and the Unnest keeps only the left row's own columns.
     */
    private Built visitUnnest(Correlate correlate) {
        Unnests.Unnest unnest = Unnests.of(correlate);
        Built input = visit(unnest.left());
        int kept = input.type().size();
        List<Integer> columns = new ArrayList<>();
        if (unnest.collections().stream().allMatch(c -> c instanceof RexInputRef)) {
            unnest.collections().forEach(c -> columns.add(((RexInputRef) c).getIndex()));
        } else {
            RexBuilder rex = correlate.getCluster().getRexBuilder();
            List<RexNode> projects = new ArrayList<>();
            List<Field> fields = new ArrayList<>(input.type().fields());
            for (int i = 0; i < kept; i++) {
                projects.add(rex.makeInputRef(unnest.left(), i));
            }
            for (RexNode collection : unnest.collections()) {
                columns.add(projects.size());
                projects.add(collection);
                fields.add(new Field("$unnest" + columns.size(), TypeConverter.toDataType(collection.getType())));
            }
            input = calc(input, projects, null, new RowType(fields));
        }
        UnnestSpec spec = new UnnestSpec(columns, kept, unnest.withOrdinality(), unnest.outer());
        RelNode uncollect = unnest.uncollect();
        List<Field> fields = new ArrayList<>(TypeConverter.toRowType(unnest.left().getRowType()).fields());
        fields.addAll(TypeConverter.toRowType(uncollect.getRowType()).fields());
        Built unnested = add("Unnest", input.parallelism(), spec, new RowType(fields));
        connect(input, unnested, 0, List.of());
        if (unnest.rightProjects() == null && unnest.rightCondition() == null) {
            return unnested;
        }
        // the right side's projection of the unnested columns, after the left row's, and its filter
        RexBuilder rex = correlate.getCluster().getRexBuilder();
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < kept; i++) {
            projects.add(rex.makeInputRef(unnest.left(), i));
        }
        if (unnest.rightProjects() == null) {
            for (int column = 0; column < uncollect.getRowType().getFieldCount(); column++) {
                projects.add(new RexInputRef(kept + column, uncollect.getRowType().getFieldList().get(column).getType()));
            }
        } else {
            unnest.rightProjects().forEach(p -> projects.add(RexUtil.shift(p, kept)));
        }
        RexNode condition = unnest.rightCondition() == null ? null : RexUtil.shift(unnest.rightCondition(), kept);
        return calc(unnested, projects, condition, correlate);
    }

    /** A rank, with the filter and projection above it ({@code projects} null: none, the rank is the result). */
    private Built visitRank(Window window, RexNode condition, List<RexNode> projects, RelNode rel) {
        List<RexNode> read = projects == null ? List.of(window.getCluster().getRexBuilder()
                .makeInputRef(window, window.getRowType().getFieldCount() - 1)) : projects;
        RankSpecs.TopN topN = RankSpecs.of(window, condition, read, window.getCluster().getRexBuilder());
        Built input = visit(window.getInput());
        int rankParallelism = topN.spec().partitionKeys().isEmpty() ? 1 : parallelism;
        // in streaming mode a Top-N per window ranks each window once, when it closes
        Optional<WindowRankSpec> windowRank = streaming ? WindowColumns.windowRank(window.getInput(), topN.spec())
                : Optional.empty();
        Built rank = windowRank.isPresent() ? add("WindowRank", rankParallelism, windowRank.get(), topN.type())
                : add("Rank", rankParallelism, topN.spec(), topN.type());
        connect(input, rank, 0, topN.spec().partitionKeys());
        if (projects == null) {
            return rank;
        }
        return calc(rank, projects, topN.condition(), rel);
    }

    /** An OVER aggregation, HASH-partitioned by its PARTITION BY columns (one subtask without them). */
    private Built visitOver(Window window) {
        OverAggregateSpec spec = OverAggregates.of(window, streaming);
        Built input = visit(window.getInput());
        int overParallelism = spec.partitionKeys().isEmpty() ? 1 : parallelism;
        Built over = add("OverAggregate", overParallelism, spec, TypeConverter.toRowType(window.getRowType()));
        connect(input, over, 0, spec.partitionKeys());
        return over;
    }

    private Built visitScan(TableScan scan) {
        return visitScan(scan, Map.of(), null, null).source();
    }

    /** A source vertex, and the projection pushed into it (null: it reads every column). */
    private record ScannedColumns(Built source, SourceProjection projection) {
    }

    /**
     * A source vertex; {@code pushed} are options the scan adds for its connector (a view's point
     * lookup). Under a Calc ({@code projects}, {@code condition}; null projects: none), a source that
     * reads columns by name reads only those the Calc and the watermark use.
     */
    private ScannedColumns visitScan(TableScan scan, Map<String, String> pushed, List<RexNode> projects,
            RexNode condition) {
        PhysicalTable table = scan.getTable().unwrap(PhysicalTable.class);
        if (table == null) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "scan of an unknown table " + scan.getTable().getQualifiedName());
        }
        TableDefinition definition = table.definition();
        sourceTables.add(definition.name());
        Map<String, String> options = definition.options();
        if (!pushed.isEmpty() || streaming && io.weir.planner.ddl.DdlExecutor.isMaterializedView(definition)) {
            options = new HashMap<>(options);
            options.putAll(pushed);
            if (streaming && io.weir.planner.ddl.DdlExecutor.isMaterializedView(definition)) {
                // in streaming mode a view is read as its changelog: its rows, then every change (a view over a view)
                options.put(io.weir.executor.view.MaterializedViewConnector.FOLLOW.key(), "true");
            }
        }
        var context = connectors.context(definition.name(), definition.physicalRowType(), options,
                definition.partitionKeys(), table.metadataKeys(), definition.primaryKey());
        TableSource source = connectors.get(definition.connector()).createSource(context);
        if (!source.isBounded()) {
            unboundedTables.add(definition.name());
        }
        WatermarkSpec watermark = streaming ? watermarks.apply(definition) : null;
        RowType rowType = table.rowType();
        // only plain columns are pushed: metadata columns and keys keep the connector's full row
        SourceProjection projection = projects != null && source.supportsProjection() && table.metadataKeys().isEmpty()
                && definition.primaryKey().isEmpty() && definition.partitionKeys().isEmpty()
                ? SourceProjection.of(rowType.size(), projects, condition, watermark) : null;
        if (projection != null) {
            rowType = projection.rowType(rowType);
            watermark = projection.watermark(watermark);
        }
        SourceSpec spec = new SourceSpec(definition.name(), definition.connector(), options, rowType,
                definition.partitionKeys(), watermark, table.metadataKeys(), definition.primaryKey());
        // 'scan.parallelism' sets the source's own; the operators it feeds forward keep it up to the next exchange
        int sourceParallelism = ConnectorRegistry.scanParallelism(definition.name(), options, parallelism);
        return new ScannedColumns(add("Source: " + definition.name(), sourceParallelism, spec, rowType), projection);
    }

    /** A window table function: one {@link WindowAssignSpec} vertex (see {@link WindowFunctions}). */
    private Built visitWindow(TableFunctionScan scan) {
        RelNode from = scan.getInputs().get(0);
        if (WindowFunctions.isSession(scan)) {
            // SESSION's table argument has set semantics: its PARTITION BY arrives as a hash Exchange
            List<Integer> keys = from instanceof Exchange exchange ? exchange.getDistribution().getKeys() : List.of();
            Built input = visit(from instanceof Exchange exchange ? exchange.getInput() : from);
            RowType type = TypeConverter.toRowType(scan.getRowType());
            SessionAssignSpec spec = WindowFunctions.sessionSpec(scan, keys, input.type(), type);
            Built session = add("SessionAssign", keys.isEmpty() ? 1 : parallelism, spec, type);
            connect(input, session, 0, keys);
            return session;
        }
        Built input = visit(from);
        RowType type = TypeConverter.toRowType(scan.getRowType());
        Built assign = add("WindowAssign", input.parallelism(), WindowFunctions.spec(scan, input.type(), type), type);
        connect(input, assign, 0, List.of());
        return assign;
    }

    private Built calc(Built input, List<RexNode> projects, RexNode condition, RelNode rel) {
        return calc(input, projects, condition, TypeConverter.toRowType(rel.getRowType()));
    }

    private Built calc(Built input, List<RexNode> projects, RexNode condition, RowType type) {
        List<Expr> projections = exprs.translate(projects);
        Expr filter = condition == null ? null : exprs.translate(condition);
        Built calc = add("Calc", input.parallelism(), new CalcSpec(projections, filter), type);
        connect(input, calc, 0, List.of());
        return calc;
    }

    private Built visitAggregate(Aggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "GROUPING SETS, ROLLUP and CUBE are not supported yet");
        }
        if (aggregate.getAggCallList().stream().anyMatch(call -> call.filterArg >= 0)) {
            return visitAggregate(AggregateFilters.withoutFilters(aggregate));
        }
        List<Integer> groupKeys = aggregate.getGroupSet().asList();
        List<AggregateCall> calls = new ArrayList<>();
        boolean distinct = false;
        for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
            if (call.filterArg >= 0) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Aggregate FILTER clauses are not supported yet");
            }
            distinct |= call.isDistinct();
            calls.add(new AggregateCall(function(call), call.getArgList(), call.isDistinct(),
                    TypeConverter.toDataType(call.getType()), call.getName() == null ? "agg" : call.getName()));
        }
        RowType type = TypeConverter.toRowType(aggregate.getRowType());
        // DISTINCT calls too: the window aggregates keep each window's distinct values with its accumulators
        Optional<Integer> windowEnd = streaming ? WindowAggregates.windowEndColumn(aggregate) : Optional.empty();
        if (windowEnd.isPresent() && !distinct && !Checkpointing.enabled(config)) {
            Optional<Built> sliced = slicedWindowAggregate(aggregate, windowEnd.get(), calls, type);
            if (sliced.isPresent()) {
                return sliced.get();
            }
        }
        Built input = visit(aggregate.getInput());
        if (windowEnd.isPresent()) {
            Built window = add("WindowAggregate", parallelism,
                    new WindowAggregateSpec(groupKeys, windowEnd.get(), calls,
                            WindowAggregates.isProcessingTime(aggregate, windowEnd.get())), type);
            connect(input, window, 0, groupKeys);
            return window;
        }
        List<Integer> finalKeys = IntStream.range(0, groupKeys.size()).boxed().toList();
        int finalParallelism = groupKeys.isEmpty() ? 1 : parallelism;
        if (distinct) {
            Built single = add("Aggregate", finalParallelism,
                    new AggregateSpec(groupKeys, calls, AggregateMode.SINGLE), type);
            connect(input, single, 0, groupKeys);
            return single;
        }
        Built partial = add("LocalAggregate", input.parallelism(),
                new AggregateSpec(groupKeys, calls, AggregateMode.PARTIAL), AggregateSpec.partialType(input.type(), groupKeys, calls));
        connect(input, partial, 0, List.of());
        Built merged = add("GlobalAggregate", finalParallelism,
                new AggregateSpec(finalKeys, calls, AggregateMode.FINAL), type);
        connect(partial, merged, 0, finalKeys);
        return merged;
    }

    /**
     * A HOP or CUMULATE window aggregation straight over its window function, as one that aggregates
     * slices (see {@link WindowSlicing}): the window function becomes a TUMBLE of its step, and the
     * rows go to the aggregate's subtasks by the group keys other than the window columns, so that all
     * slices of a window and key meet. Empty when it does not apply: another window function, keys that
     * are only window columns (all rows would meet on one subtask), calls that read a window column,
     * or processing time.
     * Checkpointed jobs keep windows (their window aggregate stores windows, not slices).
     */
    private Optional<Built> slicedWindowAggregate(Aggregate aggregate, int windowEndColumn, List<AggregateCall> calls,
            RowType type) {
        if (!(aggregate.getInput() instanceof TableFunctionScan scan) || !WindowFunctions.isWindow(scan)
                || WindowFunctions.isSession(scan) || WindowAggregates.isProcessingTime(aggregate, windowEndColumn)) {
            return Optional.empty();
        }
        RelNode from = scan.getInputs().get(0);
        int windowStartColumn = from.getRowType().getFieldCount();
        if (windowEndColumn != windowStartColumn + 1) {
            return Optional.empty();
        }
        List<Integer> groupKeys = aggregate.getGroupSet().asList();
        int windowTimeColumn = scan.getRowType().getFieldCount() > windowStartColumn + 2 ? windowStartColumn + 2 : -1;
        List<Integer> partitionKeys = groupKeys.stream()
                .filter(k -> k != windowStartColumn && k != windowEndColumn && k != windowTimeColumn).toList();
        boolean readsWindowColumns = calls.stream().flatMap(call -> call.arguments().stream())
                .anyMatch(arg -> arg >= windowStartColumn);
        if (partitionKeys.isEmpty() || readsWindowColumns) {
            // an argument such as MAX(window_time) would read the slice's bounds, not the window's
            return Optional.empty();
        }
        RowType windowedType = TypeConverter.toRowType(scan.getRowType());
        Built input = visit(from);
        WindowAssignSpec windows = WindowFunctions.spec(scan, input.type(), windowedType);
        if (windows.kind() == WindowAssignSpec.Kind.TUMBLE) {
            return Optional.empty();
        }
        WindowSlicing slicing = new WindowSlicing(windows, windowStartColumn, windowTimeColumn);
        Built slices = add("WindowAssign", input.parallelism(), slicing.sliceAssigner(), windowedType);
        connect(input, slices, 0, List.of());
        Built window = add("WindowAggregate", parallelism,
                new WindowAggregateSpec(groupKeys, windowEndColumn, calls, false, slicing), type);
        connect(slices, window, 0, partitionKeys);
        return Optional.of(window);
    }

    private static AggregateFunction function(org.apache.calcite.rel.core.AggregateCall call) {
        return switch (call.getAggregation().getKind()) {
            case COUNT -> AggregateFunction.COUNT;
            case SUM -> AggregateFunction.SUM;
            case SUM0 -> AggregateFunction.SUM0;
            case MIN -> AggregateFunction.MIN;
            case MAX -> AggregateFunction.MAX;
            case AVG -> AggregateFunction.AVG;
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "The aggregate function " + call.getAggregation().getName() + " is not supported yet");
        };
    }

    private Built visitSort(Sort sort) {
        Built input = visit(sort.getInput());
        List<SortSpec.SortKey> keys = new ArrayList<>();
        for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
            boolean descending = field.getDirection().isDescending();
            boolean nullsFirst = switch (field.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                // Flink's default: NULLs are the smallest values
                case UNSPECIFIED -> !descending;
            };
            keys.add(new SortSpec.SortKey(field.getFieldIndex(), descending, nullsFirst));
        }
        long offset = sort.offset == null ? 0 : RexLiteral.intValue(sort.offset);
        long fetch = sort.fetch == null ? -1 : RexLiteral.intValue(sort.fetch);
        RowType type = TypeConverter.toRowType(sort.getRowType());
        Built sorted = add(keys.isEmpty() ? "Limit" : "Sort", 1, new SortSpec(keys, offset, fetch), type);
        connect(input, sorted, 0, List.of());
        return sorted;
    }

    private Built visitUnion(Union union) {
        if (!union.all) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "UNION DISTINCT should have become an aggregate");
        }
        List<Built> inputs = union.getInputs().stream().map(this::visit).toList();
        int unionParallelism = inputs.stream().mapToInt(Built::parallelism).max().orElse(1);
        RowType type = TypeConverter.toRowType(union.getRowType());
        Built result = add("Union", unionParallelism, new UnionSpec(inputs.size()), type);
        for (int i = 0; i < inputs.size(); i++) {
            connect(castTo(inputs.get(i), type), result, i, List.of());
        }
        return result;
    }

    private Built visitValues(Values values) {
        RowType type = TypeConverter.toRowType(values.getRowType());
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                row.add(ExprTranslator.literalValue(tuple.get(i), type.type(i)));
            }
            rows.add(row);
        }
        return add("Values", 1, new ValuesSpec(rows), type);
    }

    /** Adds a CAST projection when {@code input}'s column types differ from {@code target}'s (ignoring nullability). */
    private Built castTo(Built input, RowType target) {
        if (input.type().size() != target.size()) {
            throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "Query has " + input.type().size()
                    + " columns but the target has " + target.size() + " columns " + target.names());
        }
        boolean same = true;
        List<Expr> projections = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            DataType from = input.type().type(i);
            DataType to = target.type(i).withNullable(true);
            Expr ref = new Expr.InputRef(i, from);
            if (from.withNullable(true).equals(to)) {
                projections.add(ref);
            } else {
                same = false;
                projections.add(new Expr.Call("CAST", List.of(ref), to));
            }
        }
        if (same) {
            return input;
        }
        Built calc = add("Calc", input.parallelism(), new CalcSpec(projections, null), target);
        connect(input, calc, 0, List.of());
        return calc;
    }

    private Built add(String name, int vertexParallelism, OperatorSpec spec, RowType type) {
        int id = vertices.size() + 1;
        vertices.add(new Vertex(id, name, vertexParallelism, spec, type));
        return new Built(id, vertexParallelism, type);
    }

    /** Picks the exchange: FORWARD between equal parallelism, else HASH on keys, GATHER into one, REBALANCE otherwise. */
    private void connect(Built from, Built to, int input, List<Integer> hashKeys) {
        ExchangeKind kind;
        if (to.parallelism() == 1 && from.parallelism() > 1) {
            kind = ExchangeKind.GATHER;
        } else if (!hashKeys.isEmpty() && to.parallelism() > 1) {
            kind = ExchangeKind.HASH;
        } else if (from.parallelism() == to.parallelism()) {
            kind = ExchangeKind.FORWARD;
        } else {
            kind = ExchangeKind.REBALANCE;
        }
        edges.add(new Edge(from.id(), to.id(), input, kind, kind == ExchangeKind.HASH ? hashKeys : List.of()));
    }
}
