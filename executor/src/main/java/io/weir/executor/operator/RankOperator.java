package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * ROW_NUMBER / RANK / DENSE_RANK over bounded input (Top-N and deduplication): buffers every batch,
 * and when the input ends groups the rows by partition ({@link GroupTable}), sorts them by partition
 * then by the order keys (NULLS FIRST/LAST per key), numbers each partition's rows, and emits those
 * whose rank is in the spec's range, with the rank appended as a BIGINT column when asked.
 */
public final class RankOperator implements Operator {
    private final RankSpec spec;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final List<VectorSchemaRoot> buffered = new ArrayList<>();

    private RankOperator(RankSpec spec, TaskContext context, Output output) {
        this.spec = spec;
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        if (batch.getRowCount() == 0) {
            batch.close();
            return;
        }
        buffered.add(batch);
    }

    @Override
    public void finish() {
        int total = buffered.stream().mapToInt(VectorSchemaRoot::getRowCount).sum();
        int[] batchOf = new int[total];
        int[] rowOf = new int[total];
        int[] partition = new int[total];
        Object[][] keys = new Object[spec.orderKeys().size()][total];
        GroupTable partitions = new GroupTable(spec.partitionKeys().stream().mapToInt(Integer::intValue).toArray());
        int index = 0;
        for (int b = 0; b < buffered.size(); b++) {
            VectorSchemaRoot batch = buffered.get(b);
            int rows = batch.getRowCount();
            int[] groups = new int[rows];
            partitions.lookup(batch, null, groups, null);
            for (int r = 0; r < rows; r++, index++) {
                batchOf[index] = b;
                rowOf[index] = r;
                partition[index] = groups[r];
                for (int k = 0; k < keys.length; k++) {
                    keys[k][index] = BatchValues.get(batch.getVector(spec.orderKeys().get(k).field()), r);
                }
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Comparator<Integer> byOrderKeys = comparator(keys);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> partition[i]).thenComparing(byOrderKeys));
        int[] selected = new int[total];
        long[] ranks = new long[total];
        int count = 0;
        long rank = 0;
        long rowNumber = 0;
        for (int i = 0; i < total; i++) {
            int row = order[i];
            boolean newPartition = i == 0 || partition[order[i - 1]] != partition[row];
            rowNumber = newPartition ? 1 : rowNumber + 1;
            boolean tie = !newPartition && byOrderKeys.compare(order[i - 1], row) == 0;
            rank = switch (spec.function()) {
                case ROW_NUMBER -> rowNumber;
                case RANK -> newPartition ? 1 : tie ? rank : rowNumber;
                case DENSE_RANK -> newPartition ? 1 : tie ? rank : rank + 1;
            };
            if (rank >= spec.rankStart() && (spec.rankEnd() < 0 || rank <= spec.rankEnd())) {
                selected[count] = row;
                ranks[count] = rank;
                count++;
            }
        }
        for (int start = 0; start < count; start += batchSize) {
            emit(selected, ranks, start, Math.min(batchSize, count - start), batchOf, rowOf);
        }
        release();
        output.finish();
    }

    private void emit(int[] selected, long[] ranks, int start, int rows, int[] batchOf, int[] rowOf) {
        VectorSchemaRoot out = Batches.allocate(outputType, allocator, rows);
        try {
            int inputWidth = spec.outputRank() ? outputType.size() - 1 : outputType.size();
            for (int column = 0; column < inputWidth; column++) {
                FieldVector target = out.getVector(column);
                for (int i = 0; i < rows; i++) {
                    int source = selected[start + i];
                    target.copyFromSafe(rowOf[source], i, buffered.get(batchOf[source]).getVector(column));
                }
            }
            if (spec.outputRank()) {
                BigIntVector rankVector = (BigIntVector) out.getVector(inputWidth);
                for (int i = 0; i < rows; i++) {
                    rankVector.setSafe(i, ranks[start + i]);
                }
            }
            out.setRowCount(rows);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        output.emit(out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<Integer> comparator(Object[][] keys) {
        List<SortKey> sortKeys = spec.orderKeys();
        return (a, b) -> {
            for (int k = 0; k < keys.length; k++) {
                Object x = keys[k][a];
                Object y = keys[k][b];
                SortKey key = sortKeys.get(k);
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    return (x == null) == key.nullsFirst() ? -1 : 1;
                }
                int result = x instanceof byte[] bx ? Arrays.compareUnsigned(bx, (byte[]) y) : ((Comparable) x).compareTo(y);
                if (result != 0) {
                    return key.descending() ? -result : result;
                }
            }
            return 0;
        };
    }

    private void release() {
        buffered.forEach(VectorSchemaRoot::close);
        buffered.clear();
    }

    @Override
    public void close() {
        release();
    }

    /** Creates rank operators. */
    public static final class RankOperatorFactory implements OperatorFactory {
        private final RankSpec spec;

        public RankOperatorFactory(RankSpec spec) {
            this.spec = spec;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new RankOperator(spec, context, output);
        }
    }
}
