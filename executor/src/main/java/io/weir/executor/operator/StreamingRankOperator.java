package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link StreamingRankSpec}. Per partition, rows sit in a sorted multiset (order keys, then the
 * whole row so that equal sort keys still have a stable order); after each input row the operator
 * compares the partition's ranked rows in the spec's range before and after the change and emits the
 * difference: -D for (row, rank) pairs that are gone, +I for new ones. The range is small (Top-N), so
 * the comparison is cheap.
 */
public final class StreamingRankOperator implements Operator, CheckpointedOperator {
    private final RankSpec spec;
    private final boolean changelogInput;
    private final int width;
    private final RowType outputType;
    private final RowType keyTypes;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final Comparator<List<Object>> order;
    private final Map<List<Object>, TreeMap<List<Object>, long[]>> partitions = new HashMap<>();
    private VectorSchemaRoot pending;
    private int pendingRows;

    private StreamingRankOperator(StreamingRankSpec spec, TaskContext context, Output output) {
        this.spec = spec.rank();
        this.changelogInput = spec.changelogInput();
        RowType input = context.inputTypes().get(0);
        this.width = changelogInput ? input.size() - 1 : input.size();
        this.outputType = context.outputType();
        this.keyTypes = KeyGroupCut.keyTypes(input, this.spec.partitionKeys());
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.order = comparator(this.spec.orderKeys());
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object[] values = new Object[width];
                for (int c = 0; c < width; c++) {
                    values[c] = RetractableAccumulators.hashable(BatchValues.get(batch.getVector(c), r));
                }
                boolean accumulate = !changelogInput
                        || RowKind.fromByteValue((Byte) BatchValues.get(batch.getVector(width), r)).isAccumulate();
                apply(Arrays.asList(values), accumulate);
            }
        } finally {
            batch.close();
        }
        flush();
    }

    private void apply(List<Object> row, boolean accumulate) {
        List<Object> key = new ArrayList<>(spec.partitionKeys().size());
        for (int k : spec.partitionKeys()) {
            key.add(row.get(k));
        }
        TreeMap<List<Object>, long[]> rows = partitions.computeIfAbsent(key, k -> new TreeMap<>(order));
        List<Object[]> before = ranked(rows);
        if (accumulate) {
            rows.computeIfAbsent(row, r -> new long[1])[0]++;
        } else {
            long[] copies = rows.get(row);
            if (copies == null) {
                return; // a retraction of a row never seen is ignored, as Flink does
            }
            if (--copies[0] == 0) {
                rows.remove(row);
            }
        }
        List<Object[]> after = ranked(rows);
        emitDifference(before, after);
        if (!changelogInput && spec.rankEnd() > 0) {
            prune(rows);
        }
        if (rows.isEmpty()) {
            partitions.remove(key);
        }
    }

    /** The (row, rank) pairs of the partition in the spec's range, in order. */
    private List<Object[]> ranked(TreeMap<List<Object>, long[]> rows) {
        List<Object[]> result = new ArrayList<>();
        long rowNumber = 0;
        long rank = 0;
        List<Object> previous = null;
        for (Map.Entry<List<Object>, long[]> entry : rows.entrySet()) {
            for (long copy = 0; copy < entry.getValue()[0]; copy++) {
                rowNumber++;
                boolean tie = previous != null && sortKeysEqual(previous, entry.getKey());
                rank = switch (spec.function()) {
                    case ROW_NUMBER -> rowNumber;
                    case RANK -> tie ? rank : rowNumber;
                    case DENSE_RANK -> tie ? rank : rank + 1;
                };
                previous = entry.getKey();
                if (spec.rankEnd() > 0 && rank > spec.rankEnd()) {
                    return result;
                }
                if (rank >= spec.rankStart()) {
                    result.add(new Object[] {entry.getKey(), rank});
                }
            }
        }
        return result;
    }

    private void emitDifference(List<Object[]> before, List<Object[]> after) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (Object[] pair : after) {
            counts.merge(pairKey(pair), 1, Integer::sum);
        }
        for (Object[] pair : before) {
            List<Object> k = pairKey(pair);
            Integer left = counts.get(k);
            if (left != null && left > 0) {
                counts.put(k, left - 1);
            } else {
                append(pair, RowKind.DELETE);
            }
        }
        Map<List<Object>, Integer> old = new HashMap<>();
        for (Object[] pair : before) {
            old.merge(pairKey(pair), 1, Integer::sum);
        }
        for (Object[] pair : after) {
            List<Object> k = pairKey(pair);
            Integer had = old.get(k);
            if (had != null && had > 0) {
                old.put(k, had - 1);
            } else {
                append(pair, RowKind.INSERT);
            }
        }
    }

    /** What identifies an output row: the row, and its rank when the rank is an output column. */
    @SuppressWarnings("unchecked")
    private List<Object> pairKey(Object[] pair) {
        List<Object> k = new ArrayList<>((List<Object>) pair[0]);
        if (spec.outputRank()) {
            k.add(pair[1]);
        }
        return k;
    }

    /** Drops rows ranked after the range; without retractions they can never move up into it. */
    private void prune(TreeMap<List<Object>, long[]> rows) {
        long seen = 0;
        Iterator<Map.Entry<List<Object>, long[]>> entries = rows.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<List<Object>, long[]> entry = entries.next();
            // ties at the boundary may still count for RANK/DENSE_RANK, so keep a margin of ties
            if (seen >= spec.rankEnd() && spec.function() == RankSpec.RankFunction.ROW_NUMBER) {
                entries.remove();
            }
            seen += entry.getValue()[0];
        }
    }

    private boolean sortKeysEqual(List<Object> a, List<Object> b) {
        for (SortKey key : spec.orderKeys()) {
            if (compare(a.get(key.field()), b.get(key.field()), key) != 0) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void append(Object[] pair, RowKind kind) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        List<Object> row = (List<Object>) pair[0];
        int column = 0;
        for (Object value : row) {
            BatchValues.set(pending.getVector(column++), pendingRows,
                    value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value);
        }
        if (spec.outputRank()) {
            BatchValues.set(pending.getVector(column++), pendingRows, pair[1]);
        }
        BatchValues.set(pending.getVector(column), pendingRows, kind.toByteValue());
        pendingRows++;
        if (pendingRows >= batchSize) {
            flush();
        }
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        batch.setRowCount(pendingRows);
        output.emit(batch);
    }

    /** Order keys first (with their directions and NULL placement), then every column, for a total order. */
    private static Comparator<List<Object>> comparator(List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey key : keys) {
                int result = compare(a.get(key.field()), b.get(key.field()), key);
                if (result != 0) {
                    return result;
                }
            }
            for (int i = 0; i < a.size(); i++) {
                int result = compare(a.get(i), b.get(i), new SortKey(i, false, true));
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object x, Object y, SortKey key) {
        if (x == null || y == null) {
            if (x == y) {
                return 0;
            }
            return (x == null) == key.nullsFirst() ? -1 : 1;
        }
        int result = ((Comparable) x).compareTo(y);
        return key.descending() ? -result : result;
    }

    /**
     * Each partition's rows with their counts, in order (the comparator is rebuilt on restore), one
     * entry per key group of the partition keys.
     */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        HashMap<List<Object>, java.util.LinkedHashMap<List<Object>, long[]>> copy = new HashMap<>();
        partitions.forEach((key, rows) -> copy.put(key, new java.util.LinkedHashMap<>(rows)));
        return KeyGroupCut.serialize(KeyGroupCut.cut(copy, keyTypes, allocator));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        List<byte[]> all = new java.util.ArrayList<>(keyedState.values());
        all.addAll(operatorState);
        for (byte[] bytes : all) {
            ((Map<List<Object>, Map<List<Object>, long[]>>) OperatorState.deserialize(bytes)).forEach((key, rows) -> {
                TreeMap<List<Object>, long[]> sorted = new TreeMap<>(order);
                sorted.putAll(rows);
                partitions.put(key, sorted);
            });
        }
    }

    @Override
    public void finish() {
        flush();
        output.finish();
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        partitions.clear();
    }

    /** Creates streaming rank operators. */
    public static final class StreamingRankOperatorFactory implements OperatorFactory {
        private final StreamingRankSpec spec;

        public StreamingRankOperatorFactory(StreamingRankSpec spec) {
            this.spec = spec;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new StreamingRankOperator(spec, context, output);
        }
    }
}
