package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.executor.plan.Vertex;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Run by hand (not a test): rows per second of the streaming GROUP BY (COUNT(*), SUM(v) by k) on
 * one thread, on the heap and on RocksDB, for {@code args[0]} rows over {@code args[1]} distinct keys.
 */
public final class GroupAggregateThroughput {
    private GroupAggregateThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        for (String backend : List.of("hashmap", "rocksdb", "hashmap", "rocksdb")) {
            run(backend, rows, keys);
        }
    }

    private static void run(String backend, long rows, int keys) {
        DataType bigint = DataType.of(TypeKind.BIGINT);
        RowType input = new RowType(List.of(new Field("k", bigint), new Field("v", bigint)));
        GroupAggregateSpec spec = new GroupAggregateSpec(List.of(0), List.of(
                new AggregateCall(AggregateFunction.COUNT, List.of(), false, bigint, "n"),
                new AggregateCall(AggregateFunction.SUM, List.of(1), false, bigint, "s")));
        RowType output = RowKind.withRowKind(new RowType(List.of(new Field("k", bigint), new Field("n", bigint),
                new Field("s", bigint))));
        int batchSize = 4096;
        try (RootAllocator allocator = new RootAllocator()) {
            TaskContext context = new TaskContext("bench", new Vertex(1, "GroupAggregate", 1, spec, output), 0,
                    List.of(input), allocator, batchSize, () -> false, new LongAdder(), TestBackends.of(backend));
            Operator operator = new GroupAggregateOperator.GroupAggregateOperatorFactory(spec, input, output)
                    .create(context, new Output() {
                        @Override
                        public void emit(VectorSchemaRoot batch) {
                            batch.close();
                        }

                        @Override
                        public void finish() {
                        }
                    });
            long start = System.nanoTime();
            long next = 0;
            while (next < rows) {
                VectorSchemaRoot batch = Batches.allocate(input, allocator, batchSize);
                BigIntVector k = (BigIntVector) batch.getVector(0);
                BigIntVector v = (BigIntVector) batch.getVector(1);
                int n = (int) Math.min(batchSize, rows - next);
                for (int r = 0; r < n; r++, next++) {
                    k.set(r, (next * 7919) % keys);
                    v.set(r, next);
                }
                batch.setRowCount(n);
                operator.process(0, batch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            operator.close();
            System.out.printf("%-8s %,d rows over %,d keys: %.2f s, %,.0f rows/s%n", backend, rows, keys, seconds,
                    rows / seconds);
        }
    }
}
