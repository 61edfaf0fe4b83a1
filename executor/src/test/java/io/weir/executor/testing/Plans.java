package io.weir.executor.testing;

import io.weir.executor.plan.Edge;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.SourceSpec;
import io.weir.executor.plan.Vertex;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small builder of job graphs for tests. */
public final class Plans {
    private final List<Vertex> vertices = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    public static DataType type(TypeKind kind) {
        return DataType.of(kind);
    }

    public static RowType row(Object... namesAndTypes) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(new Field((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
        }
        return new RowType(fields);
    }

    public static Expr ref(int index, DataType type) {
        return new Expr.InputRef(index, type);
    }

    public static Expr literal(Object value, DataType type) {
        return new Expr.Literal(value, type);
    }

    public static Expr call(String operator, DataType type, Expr... operands) {
        return new Expr.Call(operator, List.of(operands), type);
    }

    public static SourceSpec source(String data, RowType schema, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        if (data != null) {
            options.put("data", data);
        }
        return new SourceSpec("t_" + (data == null ? "gen" : data), "fake", options, schema, List.of());
    }

    public static SinkSpec sink(String table, RowType schema, Map<String, String> extra) {
        return new SinkSpec(table, "fake", extra, schema, List.of());
    }

    public int vertex(String name, int parallelism, OperatorSpec spec, RowType output) {
        int id = vertices.size();
        vertices.add(new Vertex(id, name, parallelism, spec, output));
        return id;
    }

    public Plans edge(int from, int to, ExchangeKind kind, Integer... keys) {
        return edge(from, to, 0, kind, keys);
    }

    public Plans edge(int from, int to, int input, ExchangeKind kind, Integer... keys) {
        edges.add(new Edge(from, to, input, kind, List.of(keys)));
        return this;
    }

    public JobGraph build() {
        return build(Map.of());
    }

    /** The graph with job options {@code config} (checkpointing, state backend). */
    public JobGraph build(Map<String, String> config) {
        return new JobGraph(JobGraph.CURRENT_VERSION, "test", vertices, edges, config);
    }
}
