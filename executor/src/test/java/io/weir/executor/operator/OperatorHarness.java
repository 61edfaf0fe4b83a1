package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.Vertex;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs one operator instance in the test's thread: feeds it batches built from rows, collects what it
 * emits as rows of Java values, and checks on close that every Arrow buffer was released.
 */
final class OperatorHarness implements AutoCloseable {
    private final BufferAllocator allocator = new RootAllocator();
    private final List<RowType> inputTypes;
    private final List<List<Object>> emitted = new ArrayList<>();
    private final java.util.concurrent.atomic.LongAdder lateRows = new java.util.concurrent.atomic.LongAdder();
    private final Operator operator;
    private boolean finished;

    OperatorHarness(OperatorFactory factory, OperatorSpec spec, RowType outputType, int batchSize,
            RowType... inputTypes) {
        this(io.weir.executor.state.StateBackendFactory.HEAP, factory, spec, outputType, batchSize, inputTypes);
    }

    /** A harness whose operator keeps its keyed state in the backends {@code backends} makes. */
    OperatorHarness(io.weir.executor.state.StateBackendFactory backends, OperatorFactory factory, OperatorSpec spec,
            RowType outputType, int batchSize, RowType... inputTypes) {
        this(backends, 0, 1, factory, spec, outputType, batchSize, inputTypes);
    }

    /** Subtask {@code subtask} of {@code parallelism} (its backend owns that subtask's key groups). */
    OperatorHarness(io.weir.executor.state.StateBackendFactory backends, int subtask, int parallelism,
            OperatorFactory factory, OperatorSpec spec, RowType outputType, int batchSize, RowType... inputTypes) {
        this(backends, ProcessingClock.SYSTEM, subtask, parallelism, factory, spec, outputType, batchSize, inputTypes);
    }

    /** As above, with processing time read from {@code clock} (a test's manual clock). */
    OperatorHarness(io.weir.executor.state.StateBackendFactory backends, ProcessingClock clock, int subtask,
            int parallelism, OperatorFactory factory, OperatorSpec spec, RowType outputType, int batchSize,
            RowType... inputTypes) {
        this.inputTypes = List.of(inputTypes);
        Vertex vertex = new Vertex(1, "test", parallelism, spec, outputType);
        TaskContext context = new TaskContext("job", vertex, subtask, this.inputTypes, allocator, batchSize, () -> false,
                lateRows, backends, clock);
        this.operator = factory.create(context, new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                try (batch) {
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                            row.add(BatchValues.get(batch.getVector(c), r));
                        }
                        emitted.add(row);
                    }
                }
            }

            @Override
            public void finish() {
                finished = true;
            }
        });
    }

    /** Feeds {@code rows} to input {@code input} as one batch. */
    void process(int input, List<Object[]> rows) {
        RowType type = inputTypes.get(input);
        VectorSchemaRoot root = Batches.allocate(type, allocator, rows.size());
        BatchBuilder builder = new BatchBuilder(root, Math.max(1, rows.size()));
        rows.forEach(builder::append);
        operator.process(input, builder.finish());
    }

    /** The watermark reached the operator; forwarded or not, as the operator says. */
    void watermark(long watermark) {
        operator.processWatermark(watermark);
    }

    /** The subtask's clock reads {@code now}: processing-time timers fire. */
    void processingTime(long now) {
        operator.onProcessingTime(now);
    }

    /** The operator's state as a checkpoint would store it. */
    Map<Integer, byte[]> snapshot() {
        Map<Integer, byte[]> state = ((CheckpointedOperator) operator).snapshotState(1);
        ((CheckpointedOperator) operator).snapshotStored(1).join();
        return state;
    }

    /** Gives the operator the state of {@code snapshot}, as a resumed job does before any input. */
    void restore(Map<Integer, byte[]> snapshot) {
        Map<Integer, byte[]> keyed = new java.util.HashMap<>(snapshot);
        byte[] operatorState = keyed.remove(CheckpointedOperator.OPERATOR_STATE);
        ((CheckpointedOperator) operator).restoreState(keyed, operatorState == null ? List.of() : List.of(operatorState));
    }

    /** Gives the operator what the runner hands a resumed subtask: its key groups' entries and operator state. */
    void restore(Map<Integer, byte[]> keyed, List<byte[]> operatorState) {
        ((CheckpointedOperator) operator).restoreState(keyed, operatorState);
    }

    /** How many rows the operator dropped as late. */
    long lateRows() {
        return lateRows.sum();
    }

    /** Rows emitted so far. */
    List<List<Object>> emitted() {
        return emitted;
    }

    List<List<Object>> finish() {
        operator.finish();
        if (!finished) {
            throw new AssertionError("the operator did not finish its output");
        }
        return emitted;
    }

    static List<Object[]> rows(Object[]... rows) {
        return Arrays.asList(rows);
    }

    @Override
    public void close() {
        operator.close();
        allocator.close();
    }
}
