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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads the splits assigned to its subtask through the connector's {@link SourceReader}s into batches
 * of {@code batchSize} rows, each batch from one split. An unbounded source reads all its splits at
 * once, taking turns; a bounded one with a watermark up to {@link #MAX_BOUNDED_READING} at once (the
 * others wait, holding the watermark back); a bounded one without a watermark one after the other.
 * A partial batch goes out when a reader has nothing available (so rows of a slow stream appear
 * promptly), when its split ends, and, with several splits being read, after each read (one split's
 * turn). Watermarks are generated per split and combined in {@link SplitWatermarks}, ending with the
 * final one.
 */
public final class SourceOperator implements GeneratingOperator, CheckpointedOperator {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How many splits of a bounded source with a watermark are read at once (each holds a file open). */
    static final int MAX_BOUNDED_READING = 8;

    private final TableSource source;
    private final ReaderContext readerContext;
    private final RowType rowType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final WatermarkSpec watermarkSpec;
    private final Class<? extends CalcProgram> watermarkProgram;
    private final LongSupplier clock;
    private final int maxReading;
    private final TaskContext context;
    // the splits not opened yet, in order; then those being read, taking turns from `turn`
    private final ArrayDeque<SplitSlot> waiting = new ArrayDeque<>();
    private final ArrayList<SplitSlot> reading = new ArrayList<>();
    // replaced with the splits by a restore
    private SplitWatermarks watermarks;
    private boolean restored;
    private int turn;
    // reads in a row that found nothing available: when every split being read did, the subtask pauses
    private int starved;
    private VectorSchemaRoot batch;
    private BatchBuilder builder;

    SourceOperator(TableSource source, List<SourceSplit> splits, TaskContext context, Output output,
            WatermarkSpec watermark, Class<? extends CalcProgram> watermarkProgram, LongSupplier clock) {
        this.source = source;
        this.readerContext = new ReaderContext(context.jobId(), context.subtaskIndex(), context.parallelism());
        this.context = context;
        this.rowType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = context.batchSize();
        this.output = output;
        this.watermarkSpec = watermark;
        this.watermarkProgram = watermarkProgram;
        this.clock = clock;
        this.maxReading = !source.isBounded() ? Integer.MAX_VALUE : watermark == null ? 1 : MAX_BOUNDED_READING;
        plan(splits, Collections.nCopies(splits.size(), null));
    }

    /** Replaces the splits to read (not opened yet), each with its position (null: from its start). */
    private void plan(List<SourceSplit> splits, List<byte[]> positions) {
        waiting.clear();
        for (int i = 0; i < splits.size(); i++) {
            waiting.add(new SplitSlot(i, splits.get(i), positions.get(i)));
        }
        watermarks = new SplitWatermarks(splits.size(), watermarkSpec, watermarkProgram, allocator, output, clock);
    }

    @Override
    public boolean emitNext() {
        if (restored) {
            restored = false;
            watermarks.emitRestored();
        }
        while (reading.size() < maxReading && !waiting.isEmpty()) {
            SplitSlot slot = waiting.poll();
            slot.reader = source.createReader(slot.split, slot.resumeAt == null ? readerContext
                    : new ReaderContext(context.jobId(), context.subtaskIndex(), context.parallelism(), slot.resumeAt));
            reading.add(slot);
        }
        if (reading.isEmpty()) {
            return false;
        }
        turn %= reading.size();
        SplitSlot slot = reading.get(turn);
        if (builder == null) {
            batch = Batches.allocate(rowType, allocator, batchSize);
            builder = new BatchBuilder(batch, batchSize);
        }
        SourceReader.ReadStatus status = slot.reader.read(builder);
        // with several splits each read is one split's turn, and a batch holds the rows of one split
        boolean turnEnds = builder.isFull() || reading.size() > 1;
        if (turnEnds) {
            flush(slot);
        }
        switch (status) {
            case END -> {
                flush(slot);
                reading.remove(turn);
                SourceReader ended = slot.reader;
                slot.reader = null;
                ended.close();
                watermarks.finishSplit(slot.index);
                starved = 0;
            }
            case NOTHING_AVAILABLE -> {
                flush(slot);
                watermarks.tick(slot.index);
                turn++;
                if (++starved >= reading.size()) {
                    starved = 0;
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
            default -> {
                starved = 0;
                if (turnEnds) {
                    turn++;
                }
            }
        }
        return true;
    }

    private void flush(SplitSlot slot) {
        if (builder == null || builder.rowCount() == 0) {
            return;
        }
        VectorSchemaRoot full = builder.finish();
        builder = null;
        batch = null;
        watermarks.emit(slot.index, full);
    }

    /**
     * The splits still to read, those being read first, each with its position (null: from its start)
     * and its watermark; rows read but not yet emitted go out first, so that they precede the barrier.
     */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        if (!reading.isEmpty()) {
            flush(reading.get(turn % reading.size()));
        }
        ArrayList<SourceSplit> remaining = new ArrayList<>();
        ArrayList<byte[]> positions = new ArrayList<>();
        ArrayList<Long> splitWatermarks = new ArrayList<>();
        for (SplitSlot slot : reading) {
            remaining.add(slot.split);
            positions.add(slot.reader.snapshotPosition(checkpointId));
            splitWatermarks.add(watermarks.current(slot.index));
        }
        for (SplitSlot slot : waiting) {
            remaining.add(slot.split);
            positions.add(slot.resumeAt);
            splitWatermarks.add(watermarks.current(slot.index));
        }
        return Map.of(OPERATOR_STATE, SourceSplitState.write(remaining, positions, splitWatermarks));
    }

    /** Passes the completion on to the current readers, which may acknowledge their input up to that checkpoint. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        for (SplitSlot slot : reading) {
            slot.reader.notifyCheckpointComplete(checkpointId);
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
     * stored position and with its stored watermark.
     */
    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        int subtask = context.subtaskIndex();
        int parallelism = context.parallelism();
        boolean same = operatorState.size() == parallelism;
        List<SourceSplit> splits = new ArrayList<>();
        List<byte[]> positions = new ArrayList<>();
        List<Long> splitWatermarks = new ArrayList<>();
        int index = 0;
        for (int former = 0; former < operatorState.size(); former++) {
            if (same && former != subtask) {
                continue;
            }
            SourceSplitState stored = SourceSplitState.read(operatorState.get(former));
            for (int i = 0; i < stored.splits().size(); i++, index++) {
                if (same || index % parallelism == subtask) {
                    splits.add(stored.splits().get(i));
                    positions.add(stored.positions().get(i));
                    splitWatermarks.add(stored.watermarks().get(i));
                }
            }
        }
        plan(splits, positions);
        for (int i = 0; i < splits.size(); i++) {
            watermarks.restore(i, splitWatermarks.get(i));
        }
        restored = true;
    }

    @Override
    public void finish() {
        watermarks.finish();
        output.finish();
    }

    @Override
    public void close() {
        try {
            closeReaders();
        } finally {
            reading.clear();
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }
    }

    /** Closes every open reader, each even when another fails to close. */
    private void closeReaders() {
        RuntimeException failure = null;
        for (SplitSlot slot : reading) {
            try {
                slot.reader.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A split of this subtask: its index among them (that of its watermark), and its reader once opened. */
    private static final class SplitSlot {
        private final int index;
        private final SourceSplit split;
        // where a restored split resumes (null: at its beginning)
        private final byte[] resumeAt;
        private SourceReader reader;

        SplitSlot(int index, SourceSplit split, byte[] resumeAt) {
            this.index = index;
            this.split = split;
            this.resumeAt = resumeAt;
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
            return new SourceOperator(source, mine, context, output, watermark, watermarkProgram,
                    System::currentTimeMillis);
        }
    }
}
