package io.weir.planner.physical;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.AggregateMode;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.Edge;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.IntervalJoinSpec;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.LookupJoinSpec;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.SourceSpec;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.plan.TemporalJoinSpec;
import io.weir.executor.plan.UnnestSpec;
import io.weir.executor.plan.Vertex;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.plan.WindowRankSpec;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changelog-mode inference over a built {@link JobGraph}: decides which vertices emit a changelog
 * (their output type gets the {@code $row_kind} column, see {@link RowKind}) and checks that every
 * vertex can consume what its inputs produce. Run after {@link JobGraphBuilder}, before the graph
 * is submitted.
 *
 * <p>What each vertex produces and accepts:
 * <ul>
 *   <li>a source produces a changelog when its table's {@link ChangelogMode} is {@code ALL}
 *       (e.g. {@code 'format' = 'debezium-json'}), inserts otherwise;
 *   <li>in streaming mode an aggregate (the LocalAggregate/GlobalAggregate pair or a single
 *       Aggregate) becomes one {@link GroupAggregateSpec}, which accepts a changelog and produces one;
 *       in batch mode an aggregate accepts inserts only;
 *   <li>in streaming mode a join becomes a {@link StreamingJoinSpec}, which accepts changelogs and
 *       produces one when an input does or the join is outer or ANTI;
 *   <li>an interval join ({@link IntervalJoinSpec}) accepts inserts only and produces inserts; with a
 *       changelog input it becomes a {@link StreamingJoinSpec} instead;
 *   <li>an event-time temporal join ({@link TemporalJoinSpec}) accepts a changelog of versions and
 *       inserts only on its probe side, and produces inserts;
 *   <li>in streaming mode a Top-N becomes a {@link StreamingRankSpec}, which accepts a changelog and
 *       always produces one;
 *   <li>a window Top-N ({@link WindowRankSpec}) and a window join ({@link WindowJoinSpec}) accept
 *       inserts only and produce inserts; with a changelog input they become the Top-N or join above;
 *   <li>a Calc passes {@code $row_kind} through (filters and projections apply row by row), and so
 *       does a lookup join (each change of the probe side is looked up) and an UNNEST (each change
 *       unnests to changes of the same kind);
 *   <li>a sink accepts a changelog only when its table's mode is {@code ALL}; otherwise the statement
 *       is refused naming the sink and the node that produced the updates, as Flink does (and the
 *       {@code row_kind} column that would take them, where the connector has it);
 *   <li>a sink whose table declares {@code op STRING METADATA FROM 'row_kind' VIRTUAL} takes any
 *       input: a Calc before it writes each row's kind into that column (a Weir extension);
 *   <li>the client's result (Collect) of a changelog gets the row kind as a first column {@code op}
 *       ({@code +I}, {@code -U}, {@code +U}, {@code -D}), as Flink's SQL client shows it;
 *   <li>every other operator accepts inserts only.
 * </ul>
 *
 * <p>Streaming mode: {@code 'execution.runtime-mode'} is {@code streaming}, or {@code automatic} and
 * the job reads an unbounded or changelog table. Vertices keep their ids (a removed LocalAggregate's
 * id is not reused; an added vertex gets a new one). Stateless; one call per planned statement.
 */
public final class ChangelogInference {
    /** The rewritten graph, and whether the client's result is a changelog (it then starts with {@code op}). */
    public record Result(JobGraph graph, boolean changelogResult) {
        public Result {
            requireNonNull(graph, "graph is null");
        }
    }

    /** The name of the column that shows the row kind in a changelog result. */
    public static final String OP_COLUMN = "op";

    private final ConnectorRegistry connectors;
    private final JobGraph graph;
    private final boolean streaming;
    private final List<Vertex> vertices = new ArrayList<>();
    private final List<Edge> edges;
    private final Map<Integer, Vertex> rewritten = new HashMap<>();
    /** For each vertex that emits a changelog: the node whose updates it carries, for messages. */
    private final Map<Integer, String> producers = new HashMap<>();
    private final Set<Integer> removed = new HashSet<>();
    private int nextId;
    private boolean changelogResult;

    private ChangelogInference(JobGraph graph, ConnectorRegistry connectors, boolean streaming) {
        this.graph = graph;
        this.connectors = connectors;
        this.streaming = streaming;
        this.edges = new ArrayList<>(graph.edges());
        this.nextId = graph.vertices().stream().mapToInt(Vertex::id).max().orElse(0) + 1;
    }

    /**
     * Infers the changelog of every vertex of {@code graph} and rewrites it accordingly.
     *
     * @param runtimeMode {@code automatic}, {@code streaming} or {@code batch}
     * @param readsUnbounded whether the job reads a table that never ends
     * @throws WeirException FEATURE_NOT_SUPPORTED when a vertex would get updates it cannot consume
     */
    public static Result apply(JobGraph graph, ConnectorRegistry connectors, String runtimeMode,
            boolean readsUnbounded) {
        requireNonNull(graph, "graph is null");
        requireNonNull(connectors, "connectors is null");
        boolean streaming = switch (runtimeMode) {
            case "streaming" -> true;
            case "batch" -> false;
            default -> readsUnbounded || graph.vertices().stream()
                    .anyMatch(v -> v.operator() instanceof SourceSpec s && producesChangelog(s, connectors));
        };
        ChangelogInference inference = new ChangelogInference(graph, connectors, streaming);
        for (Vertex vertex : graph.vertices()) {
            inference.visit(vertex);
        }
        JobGraph result = new JobGraph(graph.version(), graph.name(), inference.vertices, inference.edges,
                graph.config(), graph.functionJars());
        return new Result(result, inference.changelogResult);
    }

    /** {@code resultType} with the {@code op} column in front. */
    public static RowType withOpColumn(RowType resultType) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(OP_COLUMN, DataType.of(TypeKind.STRING).withNullable(false)));
        fields.addAll(resultType.fields());
        return new RowType(fields);
    }

    private void visit(Vertex vertex) {
        OperatorSpec spec = vertex.operator();
        List<Edge> inputs = inputsOf(vertex.id());
        String consumed = null;
        for (Edge edge : inputs) {
            if (!rewritten.containsKey(edge.source()) && !removed.contains(edge.source())) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: the vertices of job graph '"
                        + graph.name() + "' are not in topological order at vertex " + vertex.id());
            }
            if (consumed == null) {
                consumed = producers.get(edge.source());
            }
        }
        if (spec instanceof AggregateSpec aggregate && streaming) {
            visitStreamingAggregate(vertex, aggregate, inputs);
        } else if (spec instanceof JoinSpec join && streaming) {
            visitStreamingJoin(vertex, join, inputs);
        } else if (spec instanceof IntervalJoinSpec interval) {
            visitIntervalJoin(vertex, interval, inputs);
        } else if (spec instanceof TemporalJoinSpec) {
            visitTemporalJoin(vertex, inputs);
        } else if (spec instanceof RankSpec rank && streaming) {
            keep(new Vertex(vertex.id(), vertex.name(), vertex.parallelism(), new StreamingRankSpec(rank, consumed != null),
                    RowKind.withRowKind(vertex.outputType())), "Rank(rankRange=[rankStart=" + rank.rankStart()
                    + ", rankEnd=" + rank.rankEnd() + "], partitionBy=" + rank.partitionKeys() + ")");
        } else if (spec instanceof WindowRankSpec || spec instanceof WindowJoinSpec) {
            visitWindowOperator(vertex, consumed);
        } else if (spec instanceof SourceSpec source) {
            if (producesChangelog(source, connectors)) {
                keep(withType(vertex, RowKind.withRowKind(vertex.outputType())), "TableSourceScan(table=["
                        + source.tableName() + "], fields=[" + String.join(", ", source.schema().names()) + "])");
            } else {
                keep(vertex, null);
            }
        } else if (spec instanceof SinkSpec sink && !sink.metadataColumns().isEmpty()) {
            visitRowKindSink(vertex, sink, inputs.get(0), consumed);
        } else if (consumed == null) {
            keep(vertex, null);
        } else if (spec instanceof CalcSpec calc) {
            RowType input = typeOf(inputs.get(0).source());
            List<Expr> projections = new ArrayList<>(calc.projections());
            projections.add(new Expr.InputRef(input.size() - 1, RowKind.COLUMN_TYPE));
            keep(new Vertex(vertex.id(), vertex.name(), vertex.parallelism(),
                    new CalcSpec(projections, calc.condition()), RowKind.withRowKind(vertex.outputType())), consumed);
        } else if (spec instanceof LookupJoinSpec || spec instanceof UnnestSpec) {
            // each change of the probe side is looked up (unnested) and keeps its kind, as in Flink
            keep(withType(vertex, RowKind.withRowKind(vertex.outputType())), consumed);
        } else if (spec instanceof SinkSpec sink) {
            visitSink(vertex, sink, consumed);
        } else if (spec instanceof CollectSpec) {
            visitCollect(vertex, inputs.get(0), consumed);
        } else {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, vertex.name() + " doesn't support consuming "
                    + "update changes which is produced by node " + consumed
                    + (streaming ? "" : "; set 'execution.runtime-mode' = 'streaming' to process updates"));
        }
    }

    /**
     * Replaces a FINAL aggregate and the PARTIAL one before it (or a SINGLE one) by a GroupAggregate
     * over the PARTIAL's input, hash-partitioned on the group keys.
     */
    private void visitStreamingAggregate(Vertex vertex, AggregateSpec aggregate, List<Edge> inputs) {
        if (aggregate.mode() == AggregateMode.PARTIAL) {
            List<Edge> outputs = graph.outputsOf(vertex.id());
            boolean feedsFinal = outputs.size() == 1 && graph.vertex(outputs.get(0).target()).operator()
                    instanceof AggregateSpec next && next.mode() == AggregateMode.FINAL;
            if (!feedsFinal) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: a partial aggregate that does not "
                        + "feed a final one in job graph '" + graph.name() + "'");
            }
            removed.add(vertex.id());
            return;
        }
        Edge input = inputs.get(0);
        GroupAggregateSpec spec;
        int source;
        if (aggregate.mode() == AggregateMode.FINAL) {
            Vertex partial = graph.vertex(input.source());
            AggregateSpec partialSpec = (AggregateSpec) partial.operator();
            Edge partialInput = inputsOf(partial.id()).get(0);
            edges.remove(partialInput);
            source = partialInput.source();
            spec = new GroupAggregateSpec(partialSpec.groupKeys(), partialSpec.calls());
        } else {
            source = input.source();
            spec = new GroupAggregateSpec(aggregate.groupKeys(), aggregate.calls());
        }
        edges.remove(input);
        Vertex from = rewritten.get(source);
        edges.add(connect(from, vertex, spec.groupKeys()));
        RowType inputType = from.outputType();
        keep(new Vertex(vertex.id(), "GroupAggregate", vertex.parallelism(), spec,
                RowKind.withRowKind(vertex.outputType())), describe(spec, inputType));
    }

    /**
     * In streaming mode a join keeps both inputs in state and emits as rows arrive
     * ({@link StreamingJoinSpec}); it accepts changelogs on either side and produces one when an input
     * is a changelog or the join can retract (outer, ANTI).
     */
    private void visitStreamingJoin(Vertex vertex, JoinSpec join, List<Edge> inputs) {
        boolean leftChangelog = inputs.stream().anyMatch(e -> e.targetInput() == 0 && producers.containsKey(e.source()));
        boolean rightChangelog = inputs.stream().anyMatch(e -> e.targetInput() == 1 && producers.containsKey(e.source()));
        boolean changelog = StreamingJoinSpec.producesChangelog(join, leftChangelog, rightChangelog);
        StreamingJoinSpec spec = new StreamingJoinSpec(join, leftChangelog, rightChangelog, changelog);
        RowType type = changelog ? RowKind.withRowKind(vertex.outputType()) : vertex.outputType();
        keep(new Vertex(vertex.id(), vertex.name(), vertex.parallelism(), spec, type),
                changelog ? "Join(joinType=[" + join.joinType() + "Join])" : null);
    }

    /**
     * An interval join takes inserts only and produces inserts; when an input is a changelog (an
     * updating view, a debezium-json table) it falls back to the regular streaming join, as Flink
     * does, and in batch mode to the hash join.
     */
    private void visitIntervalJoin(Vertex vertex, IntervalJoinSpec interval, List<Edge> inputs) {
        boolean changelogInput = inputs.stream().anyMatch(e -> producers.containsKey(e.source()));
        Vertex regular = new Vertex(vertex.id(), "Join", vertex.parallelism(), interval.join(), vertex.outputType());
        if (!streaming) {
            keep(regular, null);
        } else if (changelogInput) {
            visitStreamingJoin(regular, interval.join(), inputs);
        } else {
            keep(vertex, null);
        }
    }

    /** A temporal join takes a changelog of versions but inserts only on its probe side, and produces inserts. */
    private void visitTemporalJoin(Vertex vertex, List<Edge> inputs) {
        inputs.stream().filter(e -> e.targetInput() == 0 && producers.containsKey(e.source())).findFirst()
                .ifPresent(e -> {
                    throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "The probe side of an event-time "
                            + "temporal join must be append-only, but it gets update changes produced by node "
                            + producers.get(e.source()));
                });
        keep(vertex, null);
    }

    /**
     * A window Top-N or window join takes inserts only and produces inserts; with a changelog input,
     * or in batch mode, the general rank or join runs instead, as in Flink.
     */
    private void visitWindowOperator(Vertex vertex, String consumed) {
        if (streaming && consumed == null) {
            keep(vertex, null);
        } else if (vertex.operator() instanceof WindowRankSpec window) {
            visit(new Vertex(vertex.id(), "Rank", vertex.parallelism(), window.rank(), vertex.outputType()));
        } else {
            visit(new Vertex(vertex.id(), "Join", vertex.parallelism(), ((WindowJoinSpec) vertex.operator()).join(),
                    vertex.outputType()));
        }
    }

    private void visitSink(Vertex vertex, SinkSpec sink, String consumed) {
        Map<String, String> options = new HashMap<>(sink.options());
        options.putIfAbsent("connector", sink.connector());
        var context = connectors.context(sink.tableName(), sink.schema(), options, sink.partitionKeys(),
                sink.metadataKeys(), sink.primaryKey());
        var factory = connectors.get(options.get("connector"));
        if (factory.sinkChangelogMode(context) != ChangelogMode.ALL) {
            String remedy = factory.writableMetadata().containsKey(RowKind.METADATA_KEY)
                    ? "; declare a column that receives each row's kind, e.g. op STRING METADATA FROM 'row_kind' "
                            + "VIRTUAL, or write into a table whose format accepts a changelog (e.g. 'format' = "
                            + "'debezium-json')"
                    : "; write into a table whose format accepts a changelog (e.g. 'format' = 'debezium-json')"
                            + " or whose connector upserts by a PRIMARY KEY (e.g. 'connector' = 'jdbc')";
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Table sink '" + sink.tableName()
                    + "' doesn't support consuming update changes which is produced by node " + consumed + remedy);
        }
        keep(vertex, consumed);
    }

    /**
     * Puts a Calc before a sink whose table declares {@code op STRING METADATA FROM 'row_kind' VIRTUAL}:
     * it writes each row's kind as text into that column, at its declared place, and drops the
     * {@code $row_kind} column, so the sink takes a changelog as inserts whatever its format. Its
     * input is the table's physical columns (JobGraphBuilder left the metadata columns out), followed
     * by {@code $row_kind} when it is a changelog.
     */
    private void visitRowKindSink(Vertex sink, SinkSpec spec, Edge input, String consumed) {
        Vertex from = rewritten.get(input.source());
        RowType inputType = from.outputType();
        DataType text = DataType.of(TypeKind.STRING).withNullable(false);
        List<Expr> projections = new ArrayList<>();
        int next = 0;
        for (Field field : spec.schema().fields()) {
            if (spec.metadataColumns().contains(field.name())) {
                projections.add(consumed == null ? new Expr.Literal(RowKind.INSERT.shortString(), text)
                        : kindText(inputType.size() - 1));
            } else {
                projections.add(new Expr.InputRef(next, inputType.type(next)));
                next++;
            }
        }
        Vertex calc = new Vertex(nextId++, "Calc", from.parallelism(), new CalcSpec(projections, null),
                spec.schema());
        edges.remove(input);
        edges.add(new Edge(from.id(), calc.id(), 0, ExchangeKind.FORWARD, List.of()));
        edges.add(new Edge(calc.id(), sink.id(), input.targetInput(), input.kind(), input.hashKeys()));
        keep(calc, null);
        keep(sink, null);
    }

    /** {@code CASE} over the row-kind column giving {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
    private static Expr kindText(int kindColumn) {
        DataType text = DataType.of(TypeKind.STRING).withNullable(false);
        List<Expr> caseOperands = new ArrayList<>();
        for (RowKind kind : RowKind.values()) {
            if (kind != RowKind.DELETE) {
                caseOperands.add(new Expr.Call("=", List.of(new Expr.InputRef(kindColumn, RowKind.COLUMN_TYPE),
                        new Expr.Literal(kind.toByteValue(), RowKind.COLUMN_TYPE)), DataType.of(TypeKind.BOOLEAN)));
            }
            caseOperands.add(new Expr.Literal(kind.shortString(), text));
        }
        return new Expr.Call("CASE", caseOperands, text);
    }

    /** Puts a Calc before the Collect that moves the row kind to the front as the {@code op} text. */
    private void visitCollect(Vertex collect, Edge input, String consumed) {
        Vertex from = rewritten.get(input.source());
        RowType inputType = from.outputType();
        int kindColumn = inputType.size() - 1;
        List<Expr> projections = new ArrayList<>();
        projections.add(kindText(kindColumn));
        for (int i = 0; i < kindColumn; i++) {
            projections.add(new Expr.InputRef(i, inputType.type(i)));
        }
        RowType shown = withOpColumn(RowKind.withoutRowKind(inputType));
        Vertex calc = new Vertex(nextId++, "Calc", from.parallelism(), new CalcSpec(projections, null), shown);
        edges.remove(input);
        edges.add(new Edge(from.id(), calc.id(), 0, ExchangeKind.FORWARD, List.of()));
        edges.add(new Edge(calc.id(), collect.id(), input.targetInput(), input.kind(), input.hashKeys()));
        keep(calc, null);
        keep(withType(collect, shown), null);
        changelogResult = true;
    }

    private void keep(Vertex vertex, String producer) {
        vertices.add(vertex);
        rewritten.put(vertex.id(), vertex);
        if (producer != null) {
            producers.put(vertex.id(), producer);
        }
    }

    private List<Edge> inputsOf(int vertexId) {
        return edges.stream().filter(e -> e.target() == vertexId)
                .sorted((a, b) -> Integer.compare(a.targetInput(), b.targetInput())).toList();
    }

    private RowType typeOf(int vertexId) {
        return rewritten.get(vertexId).outputType();
    }

    private static Vertex withType(Vertex vertex, RowType type) {
        return new Vertex(vertex.id(), vertex.name(), vertex.parallelism(), vertex.operator(), type);
    }

    /** The exchange JobGraphBuilder would pick between {@code from} and {@code to}. */
    private static Edge connect(Vertex from, Vertex to, List<Integer> hashKeys) {
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
        return new Edge(from.id(), to.id(), 0, kind, kind == ExchangeKind.HASH ? hashKeys : List.of());
    }

    private static boolean producesChangelog(SourceSpec source, ConnectorRegistry connectors) {
        Map<String, String> options = new HashMap<>(source.options());
        options.putIfAbsent("connector", source.connector());
        var context = connectors.context(source.tableName(), source.physicalSchema(), options, source.partitionKeys(),
                source.metadataKeys(), source.primaryKey());
        return connectors.get(options.get("connector")).changelogMode(context) == ChangelogMode.ALL;
    }

    /** Flink's name of the node, e.g. {@code GroupAggregate(groupBy=[auction], select=[auction, COUNT(*)])}. */
    private static String describe(GroupAggregateSpec spec, RowType input) {
        List<String> keys = spec.groupKeys().stream().map(k -> input.field(k).name()).toList();
        List<String> select = new ArrayList<>(keys);
        for (var call : spec.calls()) {
            List<String> args = call.arguments().stream().map(a -> input.field(a).name()).toList();
            select.add(call.function() + "(" + (call.distinct() ? "DISTINCT " : "")
                    + (args.isEmpty() ? "*" : String.join(", ", args)) + ")");
        }
        return "GroupAggregate(" + (keys.isEmpty() ? "" : "groupBy=[" + String.join(", ", keys) + "], ")
                + "select=[" + String.join(", ", select) + "])";
    }
}
