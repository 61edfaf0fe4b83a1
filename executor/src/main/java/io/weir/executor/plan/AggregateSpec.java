package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation over bounded input: one output row per group when the input ends (a global
 * aggregate, with no group keys, emits one row even for empty input in SINGLE and FINAL mode).
 *
 * <p>Output columns: the group keys in order, then one column per call. In {@link AggregateMode#PARTIAL}
 * mode each call emits its accumulator instead (see {@link AggregateMode}).
 */
public record AggregateSpec(List<Integer> groupKeys, List<AggregateCall> calls, AggregateMode mode)
        implements OperatorSpec {
    public AggregateSpec {
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        requireNonNull(mode, "mode is null");
    }

    /** The columns a PARTIAL aggregate of {@code input} emits: the group keys, then each call's accumulator(s). */
    public static RowType partialType(RowType input, List<Integer> groupKeys, List<AggregateCall> calls) {
        List<Field> fields = new ArrayList<>();
        for (int key : groupKeys) {
            fields.add(input.field(key));
        }
        for (AggregateCall call : calls) {
            DataType result = call.resultType().withNullable(true);
            switch (call.function()) {
                case COUNT -> fields.add(new Field(call.name() + "_count", DataType.of(TypeKind.BIGINT)));
                case AVG -> {
                    DataType sum = switch (result.kind()) {
                        case FLOAT, DOUBLE -> DataType.of(TypeKind.DOUBLE);
                        default -> DataType.decimal(38, result.kind() == TypeKind.DECIMAL ? result.scale() : 0);
                    };
                    fields.add(new Field(call.name() + "_sum", sum));
                    fields.add(new Field(call.name() + "_count", DataType.of(TypeKind.BIGINT)));
                }
                default -> fields.add(new Field(call.name(), result));
            }
        }
        return new RowType(fields);
    }

    @Override
    public String describe() {
        return "Aggregate(mode=" + mode + ", groupBy=" + groupKeys + ", calls=" + calls + ")";
    }
}
