package io.weir.executor.operator;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.SourceSpec;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads the splits assigned to its subtask one after the other through the connector's
 * {@link SourceReader}s into batches of {@code batchSize} rows. A partial batch goes out when the
 * reader has nothing available (so rows of a slow stream appear promptly) and at the end. Watermarks
 * come from a {@link WatermarkGenerator} over the emitted batches, ending with the final one.
 */
public final class SourceOperator implements GeneratingOperator, CheckpointedOperator {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final TableSource source;
    private final ArrayDeque<SourceSplit> pending;
    private final ReaderContext readerContext;
    private final RowType rowType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final WatermarkGenerator watermarks;
    private SourceReader reader;
    private SourceSplit readerSplit;
    // where a restored split resumes (set by a restore, each used once; splits not in it start at their beginning)
    private final java.util.IdentityHashMap<SourceSplit, byte[]> resumeAt = new java.util.IdentityHashMap<>();
    private final TaskContext context;
    private VectorSchemaRoot batch;
    private BatchBuilder builder;

    private SourceOperator(TableSource source, List<SourceSplit> splits, TaskContext context, Output output,
            WatermarkSpec watermark, Class<? extends CalcProgram> watermarkProgram) {
        this.source = source;
        this.pending = new ArrayDeque<>(splits);
        this.readerContext = new ReaderContext(context.jobId(), context.subtaskIndex(), context.parallelism());
        this.context = context;
        this.rowType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = context.batchSize();
        this.output = output;
        this.watermarks = new WatermarkGenerator(watermark, watermarkProgram == null ? null
                : CalcCompiler.instantiate(watermarkProgram), allocator, output, System::currentTimeMillis);
    }

    @Override
    public boolean emitNext() {
        if (reader == null) {
            if (pending.isEmpty()) {
                flush();
                return false;
            }
            readerSplit = pending.poll();
            byte[] position = resumeAt.remove(readerSplit);
            reader = source.createReader(readerSplit, position == null ? readerContext
                    : new ReaderContext(context.jobId(), context.subtaskIndex(), context.parallelism(), position));
        }
        if (builder == null) {
            batch = Batches.allocate(rowType, allocator, batchSize);
            builder = new BatchBuilder(batch, batchSize);
        }
        SourceReader.ReadStatus status = reader.read(builder);
        if (builder.isFull()) {
            flush();
        }
        switch (status) {
            case END -> {
                SourceReader ended = reader;
                reader = null;
                readerSplit = null;
                ended.close();
            }
            case NOTHING_AVAILABLE -> {
                flush();
                watermarks.tick();
                LockSupport.parkNanos(IDLE_NANOS);
            }
            default -> {
            }
        }
        return true;
    }

    private void flush() {
        if (builder == null || builder.rowCount() == 0) {
            return;
        }
        VectorSchemaRoot full = builder.finish();
        builder = null;
        batch = null;
        watermarks.emit(full);
    }

    /**
     * The splits still to read, the current one first, each with its position (null: from its
     * start); rows read but not yet emitted go out first, so that they precede the barrier.
     */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        flush();
        ArrayList<SourceSplit> remaining = new ArrayList<>();
        ArrayList<byte[]> positions = new ArrayList<>();
        if (reader != null) {
            remaining.add(readerSplit);
            positions.add(reader.snapshotPosition(checkpointId));
        }
        for (SourceSplit split : pending) {
            remaining.add(split);
            positions.add(resumeAt.get(split));
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(remaining);
            out.writeObject(positions);
        } catch (java.io.IOException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot snapshot the position of source splits: " + e, e);
        }
        return Map.of(OPERATOR_STATE, bytes.toByteArray());
    }

    /** Passes the completion on to the current reader, which may acknowledge its input up to that checkpoint. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (reader != null) {
            reader.notifyCheckpointComplete(checkpointId);
        }
    }

    /** Every former subtask's remaining splits come back; this subtask picks its share (see {@link #restoreState}). */
    @Override
    public boolean sharesOperatorState() {
        return true;
    }

    /**
     * Replaces the planned splits with the stored ones. At the parallelism the checkpoint was taken
     * at, subtask i resumes former subtask i's splits; at another, the stored splits (in former
     * subtask order) are dealt out round-robin, so each is read by exactly one new subtask, from its
     * stored position.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        pending.clear();
        resumeAt.clear();
        int subtask = context.subtaskIndex();
        int parallelism = context.parallelism();
        boolean same = operatorState.size() == parallelism;
        int index = 0;
        for (int former = 0; former < operatorState.size(); former++) {
            if (same && former != subtask) {
                continue;
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(operatorState.get(former)))) {
                List<SourceSplit> remaining = (List<SourceSplit>) in.readObject();
                Object stored = in.readObject();
                List<byte[]> positions = stored instanceof List<?> list ? (List<byte[]>) list
                        : java.util.Collections.singletonList((byte[]) stored);
                for (int i = 0; i < remaining.size(); i++, index++) {
                    if (same || index % parallelism == subtask) {
                        pending.add(remaining.get(i));
                        byte[] position = i < positions.size() ? positions.get(i) : null;
                        if (position != null) {
                            resumeAt.put(remaining.get(i), position);
                        }
                    }
                }
            } catch (java.io.IOException | ClassNotFoundException e) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot restore the position of source splits: " + e, e);
            }
        }
    }

    @Override
    public void finish() {
        flush();
        watermarks.finish();
        output.finish();
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            reader = null;
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }
    }

    /** Opens the table's source and plans its splits once per job; subtask i reads splits i, i + p, i + 2p, ... */
    public static final class SourceOperatorFactory implements OperatorFactory {
        private final TableSource source;
        private final List<SourceSplit> splits;
        private final WatermarkSpec watermark;
        private final Class<? extends CalcProgram> watermarkProgram;

        public SourceOperatorFactory(SourceSpec spec, ConnectorRegistry connectors, int parallelism) {
            Map<String, String> options = new HashMap<>(spec.options());
            options.putIfAbsent("connector", spec.connector());
            TableFactory factory = connectors.get(options.get("connector"));
            if (!factory.supportsSource()) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Connector '" + factory.identifier()
                        + "' cannot be read from (table '" + spec.tableName() + "')");
            }
            TableContext context = connectors.context(spec.tableName(), spec.physicalSchema(), options,
                    spec.partitionKeys(), spec.metadataKeys(), spec.primaryKey());
            this.source = factory.createSource(context);
            this.splits = List.copyOf(source.planSplits(parallelism));
            this.watermark = spec.watermark();
            this.watermarkProgram = watermark == null ? null : CalcCompiler.compile(spec.schema(),
                    List.of(watermark.expression()), null, WatermarkGenerator.RESULT_TYPE);
        }

        public boolean isBounded() {
            return source.isBounded();
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            List<SourceSplit> mine = new ArrayList<>();
            for (int i = context.subtaskIndex(); i < splits.size(); i += context.parallelism()) {
                mine.add(splits.get(i));
            }
            return new SourceOperator(source, mine, context, output, watermark, watermarkProgram);
        }
    }
}
