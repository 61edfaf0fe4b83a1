package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Turns batches into {@code Object[]} rows for the job's client and puts them into its {@link ResultQueue}. */
public final class CollectOperator implements Operator {
    private final ResultQueue queue;
    private final Cancellation cancellation;
    private final Output output;

    private CollectOperator(ResultQueue queue, Cancellation cancellation, Output output) {
        this.queue = queue;
        this.cancellation = cancellation;
        this.output = output;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int rows = batch.getRowCount();
            if (rows == 0) {
                return;
            }
            List<FieldVector> vectors = batch.getFieldVectors();
            List<Object[]> chunk = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                Object[] row = new Object[vectors.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = BatchValues.get(vectors.get(c), r);
                }
                chunk.add(row);
            }
            queue.put(chunk, cancellation);
        } finally {
            batch.close();
        }
    }

    @Override
    public void finish() {
        queue.end();
        output.finish();
    }

    @Override
    public void close() {
    }

    /** Creates the collect operator; the job reads {@link #queue()}. */
    public static final class CollectOperatorFactory implements OperatorFactory {
        private final ResultQueue queue = new ResultQueue();

        public ResultQueue queue() {
            return queue;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            requireNonNull(context, "context is null");
            return new CollectOperator(queue, context.cancellation(), output);
        }
    }
}
