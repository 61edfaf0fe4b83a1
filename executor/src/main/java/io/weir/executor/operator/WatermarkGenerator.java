package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Generates one source split's watermarks from the rows read from it (a subtask that reads several
 * splits combines theirs in {@link SplitWatermarks}): the watermark is the largest
 * value of the {@link WatermarkSpec}'s expression over the rows so far (NULLs are ignored). On-event,
 * a batch is cut after every row that advances it and the watermark follows that row; on-periodic,
 * the largest value goes out at most every {@code periodicMillis}, after a batch or while idle. At the
 * end of the input comes the final watermark {@link Long#MAX_VALUE}, with or without a spec.
 *
 * <p>Not thread-safe: the source subtask's thread uses it.
 */
public final class WatermarkGenerator {
    /** The row type of the compiled watermark expression's result. */
    public static final RowType RESULT_TYPE = new RowType(List.of(new Field("watermark", DataType.of(TypeKind.TIMESTAMP))));

    private final WatermarkSpec spec;
    private final CalcProgram program;
    private final BufferAllocator allocator;
    private final Output output;
    private final LongSupplier clock;
    private long largest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private long lastPeriodic;
    private long lastActivity;
    private boolean idle;

    /**
     * @param spec null: no watermarks but the final one
     * @param program the compiled {@link WatermarkSpec#expression()} (null when {@code spec} is)
     * @param clock milliseconds, for the periodic strategy
     */
    public WatermarkGenerator(WatermarkSpec spec, CalcProgram program, BufferAllocator allocator, Output output,
            LongSupplier clock) {
        this.spec = spec;
        this.program = program;
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.output = requireNonNull(output, "output is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lastPeriodic = clock.getAsLong();
        this.lastActivity = lastPeriodic;
    }

    /** Emits {@code batch} (which then belongs to the output) with the watermarks its rows make. */
    public void emit(VectorSchemaRoot batch) {
        if (spec != null && batch.getRowCount() > 0) {
            lastActivity = clock.getAsLong();
            if (idle) {
                idle = false;
                if (emitted > Long.MIN_VALUE) {
                    // tells the consumers to count this source again
                    output.emitWatermark(emitted);
                }
            }
        }
        if (spec == null || batch.getRowCount() == 0) {
            output.emit(batch);
            return;
        }
        int rows = batch.getRowCount();
        try (VectorSchemaRoot marks = Batches.allocate(RESULT_TYPE, allocator, rows)) {
            try {
                marks.setRowCount(program.evaluate(batch, marks));
            } catch (RuntimeException e) {
                batch.close();
                throw e;
            }
            TimeStampVector values = (TimeStampVector) marks.getVector(0);
            if (!spec.onEvent()) {
                for (int r = 0; r < rows; r++) {
                    if (!values.isNull(r)) {
                        largest = Math.max(largest, values.get(r));
                    }
                }
                output.emit(batch);
                tick();
                return;
            }
            emitCut(batch, values);
        }
    }

    private void emitCut(VectorSchemaRoot batch, TimeStampVector values) {
        int rows = batch.getRowCount();
        int from = 0;
        try {
            for (int r = 0; r < rows; r++) {
                if (values.isNull(r) || values.get(r) <= largest) {
                    continue;
                }
                largest = values.get(r);
                if (largest <= emitted) {
                    continue;
                }
                output.emit(Batches.slice(batch, from, r + 1 - from, allocator));
                from = r + 1;
                emitted = largest;
                output.emitWatermark(largest);
            }
            if (from < rows) {
                output.emit(Batches.slice(batch, from, rows - from, allocator));
            }
        } finally {
            batch.close();
        }
    }

    /**
     * The periodic strategy's chance to emit while the source has nothing to read or between batches;
     * also marks the source idle once it has read nothing for the idle timeout.
     */
    public void tick() {
        if (spec == null) {
            return;
        }
        long now = clock.getAsLong();
        if (!idle && spec.idleTimeoutMillis() > 0 && now - lastActivity >= spec.idleTimeoutMillis()) {
            idle = true;
            output.markIdle();
        }
        if (spec.onEvent() || largest <= emitted) {
            return;
        }
        if (now - lastPeriodic >= spec.periodicMillis()) {
            lastPeriodic = now;
            emitted = largest;
            output.emitWatermark(largest);
        }
    }

    /**
     * Resumes at {@code watermark}, the watermark stored in a checkpoint, before any row is emitted:
     * it is not sent again, and rows only advance the watermark beyond it.
     */
    public void restore(long watermark) {
        largest = Math.max(largest, watermark);
        emitted = Math.max(emitted, watermark);
    }

    /** The input has ended: the final watermark. */
    public void finish() {
        if (emitted < Long.MAX_VALUE) {
            emitted = Long.MAX_VALUE;
            output.emitWatermark(Long.MAX_VALUE);
        }
    }

    /** The largest watermark emitted so far ({@link Long#MIN_VALUE}: none). */
    public long current() {
        return emitted;
    }
}
