package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.WindowJoinSpec;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.ListState;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link WindowJoinSpec}. Per join key (the window columns included, so one window per key,
 * under its key group in the job's heap or RocksDB backend) each side's rows wait in a list, and
 * an event-time timer at the window's end fires once the watermark reaches {@code window_end - 1}:
 * the key's left/right pairs go through the residual condition in batches, the matches go out (an
 * outer side's unmatched rows padded with NULLs; SEMI and ANTI emit left rows), and both lists and
 * the timer are gone. A row whose key is NULL (not null-safe) matches nothing and, on an outer side,
 * goes out padded at once. Output is insert-only; see {@link WindowStateOperator} for the rest.
 */
public final class WindowJoinOperator extends WindowStateOperator {
    /** At most this many candidate pairs go through the residual condition in one batch. */
    private static final int PAIRS_PER_TEST = 4096;

    private final WindowJoinSpec spec;
    private final JoinType type;
    private final JoinCondition condition;
    private final int[] widths;
    private final List<ListState<Object[]>> rows;

    private WindowJoinOperator(WindowJoinSpec spec, CalcProgram condition, RowType joinedType, TaskContext context,
            Output output) {
        super(context, output);
        this.spec = spec;
        this.type = spec.join().joinType();
        this.widths = new int[] {context.inputTypes().get(0).size(), context.inputTypes().get(1).size()};
        this.condition = new JoinCondition(condition, joinedType, widths, context.allocator());
        this.rows = List.of(backend.listState("left-window-rows", BackendCheckpoints.row()),
                backend.listState("right-window-rows", BackendCheckpoints.row()));
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            List<Integer> keys = input == 0 ? spec.join().leftKeys() : spec.join().rightKeys();
            int windowEndColumn = input == 0 ? spec.leftWindowEnd() : spec.rightWindowEnd();
            int[] keyGroups = KeyGroups.keyGroups(batch, keys);
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object end = BatchValues.get(batch.getVector(windowEndColumn), r);
                if (end == null) {
                    continue;
                }
                if (dropIfLate((Long) end)) {
                    continue;
                }
                Object[] row = new Object[widths[input]];
                for (int c = 0; c < row.length; c++) {
                    row[c] = BatchValues.get(batch.getVector(c), r);
                }
                List<Object> key = key(row, keys);
                if (key == null) {
                    emitUnmatched(input, row);
                    continue;
                }
                backend.setCurrentKey(keyGroups[r], KeyCodec.INSTANCE.encode(key));
                rows.get(input).add(row);
                registerWindow((Long) end);
            }
        } finally {
            batch.close();
        }
    }

    /** The join key with hashable values, or null when a key that is not null-safe is NULL (matches nothing). */
    private List<Object> key(Object[] row, List<Integer> keys) {
        Object[] key = new Object[keys.size()];
        for (int i = 0; i < key.length; i++) {
            Object value = row[keys.get(i)];
            if (value == null && !spec.join().nullSafe().get(i)) {
                return null;
            }
            key[i] = RetractableAccumulators.hashable(value);
        }
        return Arrays.asList(key);
    }

    /** Joins the window's rows of the current key; both sides' rows go. */
    @Override
    protected void fireWindow() {
        join(rows.get(0).get(), rows.get(1).get());
        rows.get(0).clear();
        rows.get(1).clear();
    }

    /** Joins one key's window: every pair through the condition, then the unmatched rows as the type says. */
    private void join(List<Object[]> left, List<Object[]> right) {
        boolean[] leftMatched = new boolean[left.size()];
        boolean[] rightMatched = new boolean[right.size()];
        // the pairs go through the condition a block of left rows at a time, so a hot key's window stays bounded
        int block = Math.max(1, PAIRS_PER_TEST / Math.max(1, right.size()));
        for (int from = 0; from < left.size() && !right.isEmpty(); from += block) {
            int to = Math.min(left.size(), from + block);
            List<Object[]> lefts = new ArrayList<>((to - from) * right.size());
            List<Object[]> rights = new ArrayList<>((to - from) * right.size());
            for (Object[] l : left.subList(from, to)) {
                for (Object[] r : right) {
                    lefts.add(l);
                    rights.add(r);
                }
            }
            boolean[] pass = condition.test(lefts, rights);
            for (int p = 0; p < pass.length; p++) {
                if (!pass[p]) {
                    continue;
                }
                int l = from + p / right.size();
                int r = p % right.size();
                leftMatched[l] = true;
                rightMatched[r] = true;
                if (type != JoinType.SEMI && type != JoinType.ANTI) {
                    emit(left.get(l), right.get(r));
                }
            }
        }
        for (int l = 0; l < left.size(); l++) {
            if (type == JoinType.SEMI && leftMatched[l]) {
                pending.append(left.get(l));
            } else if (!leftMatched[l]) {
                emitUnmatched(0, left.get(l));
            }
        }
        for (int r = 0; r < right.size(); r++) {
            if (!rightMatched[r]) {
                emitUnmatched(1, right.get(r));
            }
        }
    }

    /** A row that matched nothing: padded for an outer side, the row itself for ANTI's left side. */
    private void emitUnmatched(int side, Object[] row) {
        if (side == 0 && type == JoinType.ANTI) {
            pending.append(row);
        } else if (side == 0 ? type.padsLeft() : type.padsRight()) {
            emit(side == 0 ? row : null, side == 0 ? null : row);
        }
    }

    private void emit(Object[] left, Object[] right) {
        VectorSchemaRoot batch = pending.batch();
        JoinCondition.write(batch, pending.row(), widths, left, right);
        pending.added();
    }

    /** Compiles the residual condition once per job over the joined row (both sides, nullable). */
    public static final class WindowJoinOperatorFactory implements OperatorFactory {
        private final WindowJoinSpec spec;
        private final RowType joinedType;
        private final Class<? extends CalcProgram> conditionClass;

        public WindowJoinOperatorFactory(WindowJoinSpec spec, RowType leftType, RowType rightType) {
            this.spec = requireNonNull(spec, "spec is null");
            this.joinedType = JoinCondition.joinedType(leftType, rightType);
            this.conditionClass = JoinCondition.compile(spec.join().condition(), joinedType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            CalcProgram condition = conditionClass == null ? null : CalcCompiler.instantiate(conditionClass);
            return new WindowJoinOperator(spec, condition, joinedType, context, output);
        }
    }
}
