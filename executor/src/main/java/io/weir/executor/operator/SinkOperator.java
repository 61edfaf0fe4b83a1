package io.weir.executor.operator;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.plan.SinkSpec;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes batches through the subtask's {@link SinkWriter}; at the end of input it stages them
 * ({@code prepareCommit}) and leaves the committables with its factory, which the job commits once
 * every sink subtask has staged (or aborts when the job fails).
 */
public final class SinkOperator implements Operator, CheckpointedOperator {
    private final SinkWriter writer;
    private final SinkOperatorFactory factory;
    private final Output output;

    private SinkOperator(SinkWriter writer, SinkOperatorFactory factory, Output output) {
        this.writer = writer;
        this.factory = factory;
        this.output = output;
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            writer.write(batch);
        } finally {
            batch.close();
        }
    }

    @Override
    public void finish() {
        factory.prepared(writer.prepareCommit());
        output.finish();
    }

    /**
     * Stages what was written since the last barrier for checkpoint {@code checkpointId} (committed
     * once it completes); a writer with state of its own ({@link StatefulSinkWriter}) stores it.
     */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        factory.stage(checkpointId, writer.prepareCommit());
        if (writer instanceof StatefulSinkWriter stateful) {
            return Map.of(OPERATOR_STATE, stateful.snapshot());
        }
        return Map.of();
    }

    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        if (writer instanceof StatefulSinkWriter stateful) {
            stateful.restore(operatorState);
        }
    }

    @Override
    public void close() {
        writer.close();
    }

    /** Holds the table's sink and the committables its writers staged. Thread-safe. */
    public static final class SinkOperatorFactory implements OperatorFactory {
        private final TableSink sink;
        // @GuardedBy("this")
        private final List<Committable> prepared = new ArrayList<>();

        public SinkOperatorFactory(SinkSpec spec, ConnectorRegistry connectors) {
            Map<String, String> options = new HashMap<>(spec.options());
            options.putIfAbsent("connector", spec.connector());
            TableFactory factory = connectors.get(options.get("connector"));
            if (!factory.supportsSink()) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Connector '" + factory.identifier()
                        + "' cannot be written to (table '" + spec.tableName() + "')");
            }
            TableContext context = connectors.context(spec.tableName(), spec.schema(), options, spec.partitionKeys(),
                    spec.metadataKeys(), spec.primaryKey());
            this.sink = factory.createSink(context);
        }

        /** What the table's sink promises about rows of a job that resumes from a checkpoint. */
        public TableSink.DeliveryGuarantee deliveryGuarantee() {
            return sink.deliveryGuarantee();
        }

        // committables staged at checkpoint barriers, by checkpoint id, until a checkpoint covering them completes
        // @GuardedBy("this")
        private final java.util.TreeMap<Long, List<Committable>> staged = new java.util.TreeMap<>();

        synchronized void prepared(List<Committable> committables) {
            prepared.addAll(committables);
        }

        synchronized void stage(long checkpointId, List<Committable> committables) {
            staged.computeIfAbsent(checkpointId, id -> new ArrayList<>()).addAll(committables);
        }

        /** Takes the committables staged for checkpoints up to {@code checkpointId}. */
        public synchronized List<Committable> takeStaged(long checkpointId) {
            List<Committable> taken = new ArrayList<>();
            var upTo = staged.headMap(checkpointId, true);
            upTo.values().forEach(taken::addAll);
            upTo.clear();
            return taken;
        }

        /** Makes the committables of a completed checkpoint visible. */
        public void commit(List<Committable> committables) {
            if (!committables.isEmpty()) {
                sink.commit(committables);
            }
        }

        /** The job resumes from a checkpoint: its committables are made visible (again), earlier attempts' leftovers removed. */
        public void recover(List<Committable> committables, String jobId) {
            commit(committables);
            sink.removeUncommitted(jobId);
        }

        /** Makes everything staged visible; call once every sink subtask has finished. */
        public void commit() {
            sink.commit(snapshot());
        }

        /**
         * Takes everything this worker's writers staged that no checkpoint took: what the end of input
         * prepared, and what barriers staged since the last checkpoint that completed.
         */
        public synchronized List<Committable> takeAll() {
            List<Committable> all = snapshot();
            prepared.clear();
            staged.clear();
            return all;
        }

        /** Removes everything staged; the job failed or was cancelled. */
        public void abort() {
            sink.abort(snapshot());
        }

        /** Removes staged output that will never be committed (the coordinator's side of a failed job). */
        public void abort(List<Committable> committables) {
            sink.abort(committables);
        }

        private synchronized List<Committable> snapshot() {
            // what the end of input prepared, and what barriers staged that no checkpoint covered
            List<Committable> all = new ArrayList<>(prepared);
            staged.values().forEach(all::addAll);
            return all;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            SinkWriter writer = sink.createWriter(new SinkContext(context.jobId(), context.subtaskIndex(),
                    context.parallelism()));
            return new SinkOperator(writer, this, output);
        }
    }
}
