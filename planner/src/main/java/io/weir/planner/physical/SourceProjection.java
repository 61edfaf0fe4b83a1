package io.weir.planner.physical;

import io.weir.executor.plan.Expr;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Projection push-down into a source that reads columns by name ({@code TableSource#supportsProjection}):
 * the columns a Calc over the scan uses, and those its watermark reads, in table order; the Calc's and
 * the watermark's column references are renumbered to them. Stateless.
 */
final class SourceProjection {
    private final List<Integer> kept;
    private final int[] newIndex;

    private SourceProjection(List<Integer> kept, int tableWidth) {
        this.kept = List.copyOf(kept);
        this.newIndex = new int[tableWidth];
        Arrays.fill(newIndex, -1);
        for (int i = 0; i < kept.size(); i++) {
            newIndex[kept.get(i)] = i;
        }
    }

    /**
     * The projection for a scan of {@code tableWidth} columns under {@code projects} and {@code condition}
     * (null: none) with {@code watermark} (null: none); null when every column is used.
     */
    static SourceProjection of(int tableWidth, List<RexNode> projects, RexNode condition, WatermarkSpec watermark) {
        TreeSet<Integer> used = new TreeSet<>(RelOptUtil.InputFinder.bits(projects, condition).asList());
        if (watermark != null) {
            addInputs(watermark.expression(), used);
            if (watermark.rowtimeColumn() >= 0) {
                used.add(watermark.rowtimeColumn());
            }
        }
        if (used.isEmpty()) {
            // COUNT(*) reads no column, but a batch still needs one to carry its rows
            used.add(0);
        }
        return used.size() == tableWidth ? null : new SourceProjection(new ArrayList<>(used), tableWidth);
    }

    /** The read columns of {@code table}'s row, in its order. */
    RowType rowType(RowType table) {
        List<Field> fields = new ArrayList<>();
        for (int column : kept) {
            fields.add(table.field(column));
        }
        return new RowType(fields);
    }

    /** {@code watermark} over the read columns. */
    WatermarkSpec watermark(WatermarkSpec watermark) {
        if (watermark == null) {
            return null;
        }
        int rowtime = watermark.rowtimeColumn() < 0 ? -1 : newIndex[watermark.rowtimeColumn()];
        return new WatermarkSpec(rowtime, renumber(watermark.expression()), watermark.onEvent(),
                watermark.periodicMillis(), watermark.idleTimeoutMillis());
    }

    /** {@code node}, an expression over the table's row, over the read columns. */
    RexNode renumber(RexNode node) {
        return node == null ? null : node.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(newIndex[ref.getIndex()], ref.getType());
            }
        });
    }

    private Expr renumber(Expr expr) {
        if (expr instanceof Expr.InputRef ref) {
            return new Expr.InputRef(newIndex[ref.index()], ref.type());
        }
        if (expr instanceof Expr.Call call) {
            return new Expr.Call(call.operator(), call.operands().stream().map(this::renumber).toList(), call.type());
        }
        if (expr instanceof Expr.UserCall call) {
            return new Expr.UserCall(call.function(), call.operands().stream().map(this::renumber).toList(),
                    call.type());
        }
        return expr;
    }

    private static void addInputs(Expr expr, TreeSet<Integer> used) {
        if (expr instanceof Expr.InputRef ref) {
            used.add(ref.index());
        } else if (expr instanceof Expr.Call call) {
            call.operands().forEach(operand -> addInputs(operand, used));
        } else if (expr instanceof Expr.UserCall call) {
            call.operands().forEach(operand -> addInputs(operand, used));
        }
    }
}
