package io.weir.planner.physical;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.OverAggregateSpec.Frame;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Turns a {@link Window} of aggregate calls ({@code SUM(x) OVER (PARTITION BY … ORDER BY … ROWS
 * BETWEEN 2 PRECEDING AND CURRENT ROW)}) into an {@link OverAggregateSpec}. Supports what Flink
 * supports: one window specification per query block, frames ending at CURRENT ROW, ROWS or RANGE
 * lower bounds that are UNBOUNDED or a constant; COUNT, SUM, MIN, MAX and AVG.
 */
final class OverAggregates {
    private OverAggregates() {
    }

    /**
     * The spec for {@code window}; in streaming mode, a single ascending time order key makes the
     * operator emit as the watermark passes (otherwise it emits when the input ends).
     */
    static OverAggregateSpec of(Window window, boolean streaming) {
        if (window.groups.size() != 1) {
            throw unsupported("OVER aggregations with different window specifications in one query");
        }
        Window.Group group = window.groups.get(0);
        if (!group.upperBound.isCurrentRow()) {
            throw unsupported("OVER frames that end after the current row (Flink's frames end at CURRENT ROW)");
        }
        List<SortKey> orderKeys = new ArrayList<>();
        for (RelFieldCollation field : group.orderKeys.getFieldCollations()) {
            boolean descending = field.getDirection().isDescending();
            boolean nullsFirst = switch (field.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                case UNSPECIFIED -> !descending;
            };
            orderKeys.add(new SortKey(field.getFieldIndex(), descending, nullsFirst));
        }
        int inputFields = window.getInput().getRowType().getFieldCount();
        long lowerOffset = offset(window, group.lowerBound, inputFields);
        Frame frame = group.isRows ? Frame.ROWS : Frame.RANGE;
        if (frame == Frame.RANGE && lowerOffset >= 0 && orderKeys.size() != 1) {
            throw unsupported("a RANGE frame with an offset over more than one ORDER BY column");
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (Window.RexWinAggCall call : group.aggCalls) {
            List<Integer> arguments = new ArrayList<>();
            for (RexNode operand : call.getOperands()) {
                if (!(operand instanceof RexInputRef ref) || ref.getIndex() >= inputFields) {
                    throw unsupported("OVER aggregates of constants");
                }
                arguments.add(ref.getIndex());
            }
            calls.add(new AggregateCall(function(call), arguments, call.distinct,
                    TypeConverter.toDataType(call.getType()), "w" + calls.size()));
        }
        int timeColumn = -1;
        if (streaming && orderKeys.size() == 1 && !orderKeys.get(0).descending()) {
            int field = orderKeys.get(0).field();
            if (window.getInput().getRowType().getFieldList().get(field).getType().getSqlTypeName().getFamily()
                    == SqlTypeFamily.TIMESTAMP || isTimestamp(window, field)) {
                timeColumn = field;
            }
        }
        return new OverAggregateSpec(group.keys.asList(), orderKeys, frame, lowerOffset, calls, timeColumn);
    }

    private static boolean isTimestamp(Window window, int field) {
        return switch (window.getInput().getRowType().getFieldList().get(field).getType().getSqlTypeName()) {
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> true;
            default -> false;
        };
    }

    /** The bound's distance before the current row; -1 for UNBOUNDED PRECEDING, 0 for CURRENT ROW. */
    private static long offset(Window window, RexWindowBound bound, int inputFields) {
        if (bound.isUnbounded()) {
            if (!bound.isPreceding()) {
                throw unsupported("frames starting at UNBOUNDED FOLLOWING");
            }
            return -1;
        }
        if (bound.isCurrentRow()) {
            return 0;
        }
        if (!bound.isPreceding()) {
            throw unsupported("frames starting after the current row");
        }
        RexNode offset = bound.getOffset();
        RexLiteral literal = null;
        if (offset instanceof RexInputRef ref && ref.getIndex() >= inputFields) {
            literal = window.constants.get(ref.getIndex() - inputFields);
        } else if (offset instanceof RexLiteral l) {
            literal = l;
        }
        BigDecimal value = literal == null ? null : literal.getValueAs(BigDecimal.class);
        if (value == null || value.signum() < 0) {
            throw unsupported("a frame offset that is not a non-negative constant");
        }
        return value.longValue();
    }

    private static AggregateFunction function(Window.RexWinAggCall call) {
        return switch (call.getOperator().getKind()) {
            case COUNT -> AggregateFunction.COUNT;
            case SUM -> AggregateFunction.SUM;
            case SUM0 -> AggregateFunction.SUM0;
            case MIN -> AggregateFunction.MIN;
            case MAX -> AggregateFunction.MAX;
            case AVG -> AggregateFunction.AVG;
            default -> throw unsupported("the function " + call.getOperator().getName() + " in an OVER window");
        };
    }

    private static WeirException unsupported(String what) {
        return new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir does not support " + what + " yet");
    }
}
