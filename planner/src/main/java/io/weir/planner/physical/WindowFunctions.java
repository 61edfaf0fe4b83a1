package io.weir.planner.physical;

import io.weir.executor.plan.Expr;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
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
 * The window table functions TUMBLE, HOP and CUMULATE over bounded input, as one Calc per window a
 * row can fall into: each branch keeps the input columns and adds {@code window_start} and
 * {@code window_end} (and {@code window_time} = end − 1 ms when the function's row type has it), and
 * the branches are unioned. A row
 * falls into one TUMBLE window, size/slide HOP windows and at most size/step CUMULATE windows.
 */
final class WindowFunctions {
    /** One branch: the filter (null: every row) and the projections of the input plus window columns. */
    record Branch(Expr condition, List<Expr> projections) {
    }

    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT).withNullable(false);
    private static final DataType INTERVAL = DataType.of(TypeKind.INTERVAL_DAY_TIME).withNullable(false);

    private WindowFunctions() {
    }

    static boolean isWindow(TableFunctionScan scan) {
        if (!(scan.getCall() instanceof RexCall call)) {
            return false;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return name.equals("TUMBLE") || name.equals("HOP") || name.equals("CUMULATE");
    }

    static List<Branch> branches(TableFunctionScan scan, RowType input, RowType output) {
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
        if (timeColumn < 0 || intervals.isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, name + " needs DESCRIPTOR(time column) and its intervals");
        }
        DataType time = input.type(timeColumn);
        DataType windowType = output.type(input.size());
        Expr ts = new Expr.InputRef(timeColumn, time);
        List<Branch> branches = new ArrayList<>();
        switch (name) {
            case "TUMBLE" -> {
                long size = positive(name, intervals.get(0));
                branches.add(branch(input, ts, windowType, size, 0, size, null, output.size()));
            }
            case "HOP" -> {
                long slide = positive(name, intervals.get(0));
                long size = positive(name, intervals.get(1));
                if (size % slide != 0) {
                    throw new WeirException(ErrorCode.INVALID_STATEMENT, "HOP's size (" + size
                            + " ms) must be a whole multiple of its slide (" + slide + " ms)");
                }
                for (long back = 0; back < size; back += slide) {
                    branches.add(branch(input, ts, windowType, slide, back, size, null, output.size()));
                }
            }
            default -> {
                long step = positive(name, intervals.get(0));
                long size = positive(name, intervals.get(1));
                if (size % step != 0) {
                    throw new WeirException(ErrorCode.INVALID_STATEMENT, "CUMULATE's size (" + size
                            + " ms) must be a whole multiple of its step (" + step + " ms)");
                }
                for (long length = step; length <= size; length += step) {
                    branches.add(branch(input, ts, windowType, size, 0, length, length, output.size()));
                }
            }
        }
        return branches;
    }

    private static long positive(String function, long millis) {
        if (millis <= 0) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, function + " needs positive intervals, not " + millis + " ms");
        }
        return millis;
    }

    /**
     * A branch whose window starts at {@code ts} floored to {@code unit}, minus {@code back}, and lasts
     * {@code length}; with {@code endFilter} set, only rows before the window's end are kept.
     */
    private static Branch branch(RowType input, Expr ts, DataType windowType, long unit, long back, long length,
            Long endFilter, int outputColumns) {
        List<Expr> projections = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            projections.add(new Expr.InputRef(i, input.type(i)));
        }
        Expr start = new Expr.Call("WINDOW_START", List.of(ts, new Expr.Literal(unit, BIGINT),
                new Expr.Literal(back, BIGINT)), windowType);
        Expr end = new Expr.Call("+", List.of(start, new Expr.Literal(length, INTERVAL)), windowType);
        Expr windowTime = new Expr.Call("-", List.of(end, new Expr.Literal(1L, INTERVAL)), windowType);
        projections.add(start);
        projections.add(end);
        // Calcite's TUMBLE and HOP give window_start and window_end; window_time only where declared
        if (outputColumns > projections.size()) {
            projections.add(windowTime);
        }
        Expr condition = endFilter == null ? null
                : new Expr.Call("<", List.of(ts, end), DataType.of(TypeKind.BOOLEAN));
        return new Branch(condition, projections);
    }
}
