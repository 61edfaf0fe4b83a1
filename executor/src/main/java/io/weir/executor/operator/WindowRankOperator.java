package io.weir.executor.operator;

import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.RankSpec.RankFunction;
import io.weir.executor.plan.WindowRankSpec;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.ValueState;
import io.weir.spi.batch.BatchValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link WindowRankSpec}. Per partition (the partition keys, window included, under their key
 * group in the job's heap or RocksDB backend) one value holds the partition's candidate rows sorted
 * by {@link RowOrder#total}; rows that can no longer reach the rank range are cut at once (beyond
 * {@code rankEnd} for ROW_NUMBER, behind the last row ranked within it for RANK and DENSE_RANK), so
 * a Top-N keeps N rows per window. An event-time timer per partition at its {@code window_end}
 * fires when the watermark reaches {@code window_end - 1}: the ranked rows go out and the value and
 * the timer are gone. The watermark is forwarded after the windows it closed have fired, unchanged.
 * Output is insert-only.
 */
public final class WindowRankOperator extends WindowStateOperator {
    private final RankSpec spec;
    private final int windowEndColumn;
    private final int width;
    private final Comparator<List<Object>> order;
    private final ValueState<List<Object[]>> partitions;

    private WindowRankOperator(WindowRankSpec spec, TaskContext context, Output output) {
        super(context, output);
        this.spec = spec.rank();
        this.windowEndColumn = spec.windowEndColumn();
        this.width = context.inputTypes().get(0).size();
        this.order = RowOrder.total(this.spec.orderKeys());
        this.partitions = backend.valueState("window-partitions", BackendCheckpoints.rows(width));
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int[] keyGroups = KeyGroups.keyGroups(batch, spec.partitionKeys());
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object end = BatchValues.get(batch.getVector(windowEndColumn), r);
                if (end == null) {
                    continue;
                }
                if (dropIfLate((Long) end)) {
                    continue;
                }
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    row[c] = RetractableAccumulators.hashable(BatchValues.get(batch.getVector(c), r));
                }
                Object[] key = spec.partitionKeys().stream().map(k -> row[k]).toArray();
                backend.setCurrentKey(keyGroups[r], KeyCodec.INSTANCE.encode(Arrays.asList(key)));
                add(row, (Long) end);
            }
        } finally {
            batch.close();
        }
    }

    /** Inserts {@code row} into the current partition's sorted rows and cuts the rows that cannot rank. */
    private void add(Object[] row, long windowEnd) {
        List<Object[]> rows = partitions.value();
        if (rows == null) {
            rows = new ArrayList<>();
            registerWindow(windowEnd);
        } else {
            rows = new ArrayList<>(rows);
        }
        // after the rows that sort before it or equal it
        int at = 0;
        int high = rows.size();
        while (at < high) {
            int middle = (at + high) >>> 1;
            if (order.compare(Arrays.asList(rows.get(middle)), Arrays.asList(row)) <= 0) {
                at = middle + 1;
            } else {
                high = middle;
            }
        }
        if (spec.rankEnd() >= 0 && at >= cutoff(rows)) {
            return;
        }
        rows.add(at, row);
        rows.subList(Math.min(rows.size(), cutoff(rows)), rows.size()).clear();
        partitions.update(rows);
    }

    /** How many of the sorted {@code rows} can still be ranked at or before {@code rankEnd}. */
    private int cutoff(List<Object[]> rows) {
        if (spec.rankEnd() < 0) {
            return Integer.MAX_VALUE;
        }
        if (spec.function() == RankFunction.ROW_NUMBER) {
            return (int) Math.min(Integer.MAX_VALUE, spec.rankEnd());
        }
        long[] ranks = ranks(rows);
        int kept = 0;
        while (kept < ranks.length && ranks[kept] <= spec.rankEnd()) {
            kept++;
        }
        // a row tying the last kept one would share its rank, so only rows after a change of rank go
        return kept < ranks.length ? kept : Integer.MAX_VALUE;
    }

    /** The rank of each of the sorted {@code rows}, by the spec's function. */
    private long[] ranks(List<Object[]> rows) {
        long[] ranks = new long[rows.size()];
        for (int i = 0; i < ranks.length; i++) {
            boolean tie = i > 0 && RowOrder.byKeys(Arrays.asList(rows.get(i - 1)), Arrays.asList(rows.get(i)),
                    spec.orderKeys()) == 0;
            ranks[i] = switch (spec.function()) {
                case ROW_NUMBER -> i + 1;
                case RANK -> tie ? ranks[i - 1] : i + 1;
                case DENSE_RANK -> tie ? ranks[i - 1] : i == 0 ? 1 : ranks[i - 1] + 1;
            };
        }
        return ranks;
    }

    /** Emits the window's rows ranked in the range; the partition goes. */
    @Override
    protected void fireWindow() {
        List<Object[]> rows = partitions.value();
        if (rows == null) {
            return;
        }
        long[] ranks = ranks(rows);
        for (int i = 0; i < rows.size(); i++) {
            if (ranks[i] < spec.rankStart() || spec.rankEnd() >= 0 && ranks[i] > spec.rankEnd()) {
                continue;
            }
            Object[] row = rows.get(i);
            pending.append(spec.outputRank() ? withRank(row, ranks[i]) : row);
        }
        partitions.clear();
    }

    private static Object[] withRank(Object[] row, long rank) {
        Object[] ranked = Arrays.copyOf(row, row.length + 1);
        ranked[row.length] = rank;
        return ranked;
    }

    /** Creates window rank operators. */
    public static final class WindowRankOperatorFactory implements OperatorFactory {
        private final WindowRankSpec spec;

        public WindowRankOperatorFactory(WindowRankSpec spec) {
            this.spec = spec;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new WindowRankOperator(spec, context, output);
        }
    }
}
