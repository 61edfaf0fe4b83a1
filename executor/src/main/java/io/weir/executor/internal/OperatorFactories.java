package io.weir.executor.internal;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.operator.AggregateOperator.AggregateOperatorFactory;
import io.weir.executor.operator.CalcOperator.CalcOperatorFactory;
import io.weir.executor.operator.CollectOperator.CollectOperatorFactory;
import io.weir.executor.operator.CheckpointedWindowAggregateOperator.CheckpointedWindowAggregateFactory;
import io.weir.executor.operator.GroupAggregateOperator.GroupAggregateOperatorFactory;
import io.weir.executor.operator.JoinOperator.JoinOperatorFactory;
import io.weir.executor.operator.LookupJoinOperator.LookupJoinOperatorFactory;
import io.weir.executor.operator.OperatorFactory;
import io.weir.executor.operator.OverAggregateOperator.OverAggregateOperatorFactory;
import io.weir.executor.operator.RankOperator.RankOperatorFactory;
import io.weir.executor.operator.SessionAssignOperator.SessionAssignOperatorFactory;
import io.weir.executor.operator.SinkOperator.SinkOperatorFactory;
import io.weir.executor.operator.SortOperator.SortOperatorFactory;
import io.weir.executor.operator.SourceOperator.SourceOperatorFactory;
import io.weir.executor.operator.IntervalJoinOperator.IntervalJoinOperatorFactory;
import io.weir.executor.operator.TemporalJoinOperator.TemporalJoinOperatorFactory;
import io.weir.executor.operator.WindowJoinOperator.WindowJoinOperatorFactory;
import io.weir.executor.operator.WindowRankOperator.WindowRankOperatorFactory;
import io.weir.executor.operator.StreamingJoinOperator.StreamingJoinOperatorFactory;
import io.weir.executor.operator.StreamingRankOperator.StreamingRankOperatorFactory;
import io.weir.executor.operator.UnionOperator.UnionOperatorFactory;
import io.weir.executor.operator.UnnestOperator.UnnestOperatorFactory;
import io.weir.executor.operator.ValuesOperator.ValuesOperatorFactory;
import io.weir.executor.operator.SlicingWindowAggregateOperator.SlicingWindowAggregateFactory;
import io.weir.executor.operator.WindowAggregateOperator.WindowAggregateFactory;
import io.weir.executor.operator.WindowAssignOperator.WindowAssignOperatorFactory;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.Edge;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.IntervalJoinSpec;
import io.weir.executor.plan.TemporalJoinSpec;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.LookupJoinSpec;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.plan.SourceSpec;
import io.weir.executor.plan.UnionSpec;
import io.weir.executor.plan.UnnestSpec;
import io.weir.executor.plan.ValuesSpec;
import io.weir.executor.plan.Vertex;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.executor.plan.WindowAssignSpec;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.plan.WindowRankSpec;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.List;

/** Maps each {@link OperatorSpec} to the factory of its operator. */
final class OperatorFactories {
    private OperatorFactories() {
    }

    static OperatorFactory create(Vertex vertex, JobGraph graph, ConnectorRegistry connectors) {
        OperatorSpec spec = vertex.operator();
        List<Edge> inputs = graph.inputsOf(vertex.id());
        if (spec instanceof SourceSpec source) {
            return new SourceOperatorFactory(source, connectors, vertex.parallelism());
        } else if (spec instanceof ValuesSpec values) {
            return new ValuesOperatorFactory(values);
        } else if (spec instanceof UnionSpec) {
            return new UnionOperatorFactory();
        } else if (spec instanceof SinkSpec sink) {
            return new SinkOperatorFactory(sink, connectors);
        } else if (spec instanceof CollectSpec) {
            return new CollectOperatorFactory();
        }
        if (spec instanceof StreamingJoinSpec join) {
            return new StreamingJoinOperatorFactory(join, inputOf(vertex, graph, inputs, 0), inputOf(vertex, graph, inputs, 1));
        }
        if (spec instanceof IntervalJoinSpec join) {
            return new IntervalJoinOperatorFactory(join, inputOf(vertex, graph, inputs, 0), inputOf(vertex, graph, inputs, 1));
        }
        if (spec instanceof TemporalJoinSpec join) {
            return new TemporalJoinOperatorFactory(join, inputOf(vertex, graph, inputs, 0), inputOf(vertex, graph, inputs, 1));
        }
        if (spec instanceof WindowJoinSpec join) {
            return new WindowJoinOperatorFactory(join, inputOf(vertex, graph, inputs, 0), inputOf(vertex, graph, inputs, 1));
        }
        if (spec instanceof JoinSpec join) {
            return new JoinOperatorFactory(join, inputOf(vertex, graph, inputs, 0), inputOf(vertex, graph, inputs, 1));
        }
        RowType inputType = singleInput(vertex, graph, inputs);
        if (spec instanceof CalcSpec calc) {
            return new CalcOperatorFactory(calc, inputType, vertex.outputType());
        } else if (spec instanceof AggregateSpec aggregate) {
            return new AggregateOperatorFactory(aggregate, inputType, vertex.outputType());
        } else if (spec instanceof SortSpec sort) {
            return new SortOperatorFactory(sort);
        } else if (spec instanceof GroupAggregateSpec groupAggregate) {
            return new GroupAggregateOperatorFactory(groupAggregate, inputType, vertex.outputType());
        } else if (spec instanceof RankSpec rank) {
            return new RankOperatorFactory(rank);
        } else if (spec instanceof WindowAssignSpec window) {
            return new WindowAssignOperatorFactory(window, inputType, vertex.outputType());
        } else if (spec instanceof WindowAggregateSpec window && window.slicing() != null) {
            if (Checkpointing.enabled(graph.config())) {
                // the planner slices only jobs without checkpoints: their window state would not be stored
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: " + window.describe()
                        + " is sliced in a checkpointed job");
            }
            return new SlicingWindowAggregateFactory(window, inputType, vertex.outputType());
        } else if (spec instanceof WindowAggregateSpec window && Checkpointing.enabled(graph.config())) {
            // checkpoints need state they can store; the columnar window aggregate is faster without them
            return new CheckpointedWindowAggregateFactory(window, inputType);
        } else if (spec instanceof WindowAggregateSpec window) {
            return new WindowAggregateFactory(window, inputType, vertex.outputType());
        } else if (spec instanceof OverAggregateSpec over) {
            return new OverAggregateOperatorFactory(over, inputType);
        } else if (spec instanceof WindowRankSpec rank) {
            return new WindowRankOperatorFactory(rank);
        } else if (spec instanceof StreamingRankSpec rank) {
            return new StreamingRankOperatorFactory(rank);
        } else if (spec instanceof LookupJoinSpec lookup) {
            return new LookupJoinOperatorFactory(lookup, connectors);
        } else if (spec instanceof SessionAssignSpec session) {
            return new SessionAssignOperatorFactory(session, inputType);
        } else if (spec instanceof UnnestSpec unnest) {
            return new UnnestOperatorFactory(unnest, inputType);
        }
        throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "The executor cannot run " + spec.describe() + " yet");
    }

    /** The row type of input {@code index} of a two-input vertex. */
    private static RowType inputOf(Vertex vertex, JobGraph graph, List<Edge> inputs, int index) {
        return inputs.stream().filter(edge -> edge.targetInput() == index).findFirst()
                .map(edge -> graph.vertex(edge.source()).outputType())
                .orElseThrow(() -> new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: vertex " + vertex.id()
                        + " (" + vertex.name() + ") has no input " + index));
    }

    private static RowType singleInput(Vertex vertex, JobGraph graph, List<Edge> inputs) {
        if (inputs.size() != 1) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: vertex " + vertex.id() + " ("
                    + vertex.name() + ") needs exactly one input, has " + inputs.size());
        }
        return graph.vertex(inputs.get(0).source()).outputType();
    }
}
