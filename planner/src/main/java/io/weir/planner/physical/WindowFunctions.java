package io.weir.planner.physical;

import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.plan.WindowAssignSpec;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * The window table functions TUMBLE, HOP and CUMULATE: reads the time descriptor and the intervals
 * of a {@link TableFunctionScan} into the executor's {@link WindowAssignSpec}, whose output adds
 * {@code window_start}, {@code window_end} and {@code window_time} (when the function's row type has
 * it) to the input columns.
 */
final class WindowFunctions {
    private WindowFunctions() {
    }

    static boolean isWindow(TableFunctionScan scan) {
        if (!(scan.getCall() instanceof RexCall call)) {
            return false;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return name.equals("TUMBLE") || name.equals("HOP") || name.equals("CUMULATE") || name.equals("SESSION");
    }

    static boolean isSession(TableFunctionScan scan) {
        return ((RexCall) scan.getCall()).getOperator().getName().equalsIgnoreCase("SESSION");
    }

    /** The input column DESCRIPTOR(...) names as the window's time, or -1 when there is none. */
    static int timeColumn(TableFunctionScan scan) {
        for (RexNode operand : ((RexCall) scan.getCall()).getOperands()) {
            if (operand.getKind() == SqlKind.DESCRIPTOR) {
                return ((RexInputRef) ((RexCall) operand).getOperands().get(0)).getIndex();
            }
        }
        return -1;
    }

    /** SESSION(TABLE t PARTITION BY keys, DESCRIPTOR(ts), gap) as a {@link SessionAssignSpec}. */
    static SessionAssignSpec sessionSpec(TableFunctionScan scan, List<Integer> partitionKeys, RowType input,
            RowType output) {
        RexCall call = (RexCall) scan.getCall();
        int timeColumn = -1;
        List<Long> intervals = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            if (operand.getKind() == SqlKind.DESCRIPTOR) {
                timeColumn = ((RexInputRef) ((RexCall) operand).getOperands().get(0)).getIndex();
            } else if (operand instanceof RexLiteral literal && literal.getValueAs(BigDecimal.class) != null) {
                intervals.add(literal.getValueAs(BigDecimal.class).longValue());
            }
        }
        if (timeColumn < 0 || intervals.size() != 1) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT,
                    "SESSION needs TABLE t [PARTITION BY …], DESCRIPTOR(time column) and the session gap");
        }
        return new SessionAssignSpec(partitionKeys, timeColumn, positive("SESSION", intervals.get(0)),
                output.size() > input.size() + 2);
    }

    static WindowAssignSpec spec(TableFunctionScan scan, RowType input, RowType output) {
        RexCall call = (RexCall) scan.getCall();
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        int timeColumn = -1;
        List<Long> intervals = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            if (operand.getKind() == SqlKind.DESCRIPTOR) {
                timeColumn = ((RexInputRef) ((RexCall) operand).getOperands().get(0)).getIndex();
            } else if (operand instanceof RexLiteral literal && literal.getValueAs(BigDecimal.class) != null) {
                intervals.add(literal.getValueAs(BigDecimal.class).longValue());
            }
        }
        if (timeColumn < 0 || intervals.isEmpty() || (!name.equals("TUMBLE") && intervals.size() < 2)) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, name + " needs DESCRIPTOR(time column) and its intervals");
        }
        if (intervals.size() > (name.equals("TUMBLE") ? 1 : 2)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, name + " with an offset is not supported yet; "
                    + "shift the time column instead");
        }
        boolean windowTime = output.size() > input.size() + 2;
        if (name.equals("TUMBLE")) {
            long size = positive(name, intervals.get(0));
            return new WindowAssignSpec(WindowAssignSpec.Kind.TUMBLE, timeColumn, size, size, windowTime);
        }
        long step = positive(name, intervals.get(0));
        long size = positive(name, intervals.get(1));
        if (size % step != 0) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, name + "'s size (" + size
                    + " ms) must be a whole multiple of its " + (name.equals("HOP") ? "slide" : "step") + " (" + step
                    + " ms)");
        }
        WindowAssignSpec.Kind kind = name.equals("HOP") ? WindowAssignSpec.Kind.HOP : WindowAssignSpec.Kind.CUMULATE;
        return new WindowAssignSpec(kind, timeColumn, size, step, windowTime);
    }

    private static long positive(String function, long millis) {
        if (millis <= 0) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, function + " needs positive intervals, not " + millis + " ms");
        }
        return millis;
    }
}
