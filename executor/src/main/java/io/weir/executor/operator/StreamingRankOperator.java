package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.StreamingRankSpec;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.ValueState;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link StreamingRankSpec}. Per partition, rows sit in a sorted multiset (order keys, then the
 * whole row so that equal sort keys still have a stable order); after each input row the operator
 * compares the partition's ranked rows in the spec's range before and after the change and emits the
 * difference: -D for (row, rank) pairs that are gone, +I for new ones. The range is small (Top-N), so
 * the comparison is cheap.
 *
 * <p>State: each partition's sorted rows with their counts, one value per partition key (and its key
 * group) in the job's state backend (heap or RocksDB); a batch reads each partition it touches once
 * and writes it back once. Under a state TTL a partition not written for the TTL is forgotten
 * ({@link StateTtl}). The backend is closed with the operator.
 */
public final class StreamingRankOperator implements Operator, CheckpointedOperator {
    private final RankSpec spec;
    private final boolean changelogInput;
    private final int width;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final Comparator<List<Object>> order;
    private final KeyedStateBackend backend;
    private final BackendCheckpoints checkpoints;
    private final StateTtl ttl;
    private final ValueState<TreeMap<List<Object>, long[]>> partitions;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private StreamingRankOperator(StreamingRankSpec spec, TaskContext context, Output output) {
        this.spec = spec.rank();
        this.changelogInput = spec.changelogInput();
        RowType input = context.inputTypes().get(0);
        this.width = changelogInput ? input.size() - 1 : input.size();
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.order = RowOrder.total(this.spec.orderKeys());
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.ttl = new StateTtl(backend, spec.stateTtlMillis(), context.clock());
        this.partitions = ttl.valueState("partitions", new PartitionCodec());
    }

    /** A partition's rows in order, each as its count and then its values, as {@link KeyCodec} values. */
    private final class PartitionCodec implements StateCodec<TreeMap<List<Object>, long[]>> {
        @Override
        public byte[] encode(TreeMap<List<Object>, long[]> rows) {
            List<Object> values = new ArrayList<>(rows.size() * (width + 1));
            rows.forEach((row, copies) -> {
                values.add(copies[0]);
                values.addAll(row);
            });
            return KeyCodec.INSTANCE.encode(values);
        }

        @Override
        public TreeMap<List<Object>, long[]> decode(byte[] bytes) {
            List<Object> values = KeyCodec.INSTANCE.decode(bytes);
            TreeMap<List<Object>, long[]> rows = new TreeMap<>(order);
            for (int at = 0; at < values.size(); at += width + 1) {
                rows.put(new ArrayList<>(values.subList(at + 1, at + 1 + width)), new long[] {(Long) values.get(at)});
            }
            return rows;
        }
    }

    /** A partition a batch touches: where it is stored, and its rows while the batch changes them. */
    private record Touched(int keyGroup, byte[] key, TreeMap<List<Object>, long[]> rows) {
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        Map<List<Object>, Touched> touched = new LinkedHashMap<>();
        try {
            int[] keyGroups = KeyGroups.keyGroups(batch, spec.partitionKeys());
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object[] values = new Object[width];
                for (int c = 0; c < width; c++) {
                    values[c] = RetractableAccumulators.hashable(BatchValues.get(batch.getVector(c), r));
                }
                boolean accumulate = !changelogInput
                        || RowKind.fromByteValue((Byte) BatchValues.get(batch.getVector(width), r)).isAccumulate();
                List<Object> row = Arrays.asList(values);
                List<Object> key = new ArrayList<>(spec.partitionKeys().size());
                for (int k : spec.partitionKeys()) {
                    key.add(row.get(k));
                }
                int keyGroup = keyGroups[r];
                Touched partition = touched.computeIfAbsent(key, k -> read(keyGroup, KeyCodec.INSTANCE.encode(k)));
                apply(partition.rows(), row, accumulate);
            }
        } finally {
            batch.close();
        }
        for (Touched partition : touched.values()) {
            backend.setCurrentKey(partition.keyGroup(), partition.key());
            if (partition.rows().isEmpty()) {
                partitions.clear();
            } else {
                partitions.update(partition.rows());
            }
        }
        flush();
    }

    private Touched read(int keyGroup, byte[] key) {
        backend.setCurrentKey(keyGroup, key);
        TreeMap<List<Object>, long[]> rows = partitions.value();
        return new Touched(keyGroup, key, rows == null ? new TreeMap<>(order) : rows);
    }

    private void apply(TreeMap<List<Object>, long[]> rows, List<Object> row, boolean accumulate) {
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
        return RowOrder.byKeys(a, b, spec.orderKeys()) == 0;
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

    /** The backend's snapshot of every partition (RocksDB: a handle to the instance's files). */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return checkpoints.snapshot(checkpointId);
    }

    @Override
    public CompletableFuture<Void> snapshotStored(long checkpointId) {
        return checkpoints.stored();
    }

    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        checkpoints.restore(keyedState, operatorState, Long.MIN_VALUE);
    }

    /** Removes the state that outlived the TTL ({@link StateTtl}); emits nothing. */
    @Override
    public void onProcessingTime(long now) {
        ttl.onProcessingTime(now);
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
        backend.close();
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
