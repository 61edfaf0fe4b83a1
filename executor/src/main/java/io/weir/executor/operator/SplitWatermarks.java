package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.WatermarkTracker;
import io.weir.executor.plan.WatermarkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The watermarks of one source subtask that reads several splits: one {@link WatermarkGenerator} per
 * split, and the subtask's watermark is the minimum over its splits, where a split that has not sent
 * a watermark yet (also one not opened yet) holds it at {@link Long#MIN_VALUE}, an idle split (no rows
 * for {@code 'scan.watermark.idle-timeout'}) is left out until it sends one again, and a finished
 * split no longer counts. The subtask is idle when every unfinished split is; the final watermark
 * {@link Long#MAX_VALUE} goes out when every split has finished, or at {@link #finish}.
 *
 * <p>With a split far ahead of another in event time, its rows therefore do not make the other
 * split's rows late, as they would with one watermark over all the rows the subtask reads.
 *
 * <p>Not thread-safe: the source subtask's thread uses it.
 */
final class SplitWatermarks {
    private final Output output;
    private final List<WatermarkGenerator> generators;
    private final WatermarkTracker combined;
    private long emitted = Long.MIN_VALUE;
    private boolean idle;

    /**
     * @param splits how many splits the subtask reads; split {@code i}'s rows go through {@link #emit}
     * @param spec null: no watermarks but the final one
     * @param program the compiled {@link WatermarkSpec#expression()} (null when {@code spec} is)
     * @param clock milliseconds, for the periodic strategy and the idle timeout
     */
    SplitWatermarks(int splits, WatermarkSpec spec, Class<? extends CalcProgram> program, BufferAllocator allocator,
            Output output, LongSupplier clock) {
        this.output = requireNonNull(output, "output is null");
        this.combined = new WatermarkTracker(splits);
        List<WatermarkGenerator> list = new ArrayList<>(splits);
        for (int i = 0; i < splits; i++) {
            list.add(new WatermarkGenerator(spec, program == null ? null : CalcCompiler.instantiate(program), allocator,
                    new SplitOutput(i), clock));
        }
        this.generators = List.copyOf(list);
    }

    /** Emits {@code batch} of split {@code split}'s rows (it then belongs to the output) with the watermarks they make. */
    void emit(int split, VectorSchemaRoot batch) {
        generators.get(split).emit(batch);
    }

    /** The periodic strategy's and the idle timeout's chance for split {@code split}, which has nothing to read. */
    void tick(int split) {
        generators.get(split).tick();
    }

    /** Split {@code split} has ended: it no longer holds the watermark back. */
    void finishSplit(int split) {
        generators.get(split).finish();
    }

    /**
     * Split {@code split} resumes from a checkpoint at {@code watermark}, its watermark then (before
     * any rows are read; {@link Long#MIN_VALUE}: none yet).
     */
    void restore(int split, long watermark) {
        if (watermark > Long.MIN_VALUE) {
            generators.get(split).restore(watermark);
            combined.onWatermark(split, watermark);
        }
    }

    /** Sends the watermark the restored splits make together, if every split has one. */
    void emitRestored() {
        advance(combined.current());
    }

    /** The watermark of split {@code split} so far, for a checkpoint ({@link Long#MIN_VALUE}: none). */
    long current(int split) {
        return generators.get(split).current();
    }

    /** The input has ended: the final watermark. */
    void finish() {
        advance(Long.MAX_VALUE);
    }

    private void advance(long watermark) {
        if (watermark > emitted) {
            emitted = watermark;
            idle = false;
            output.emitWatermark(watermark);
        }
    }

    /** What one split's generator sends: its batches go straight out, its watermarks into the minimum. */
    private final class SplitOutput implements Output {
        private final int split;

        SplitOutput(int split) {
            this.split = split;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            output.emit(batch);
        }

        @Override
        public void emitWatermark(long watermark) {
            boolean advanced = watermark == Long.MAX_VALUE ? combined.onEnd(split) : combined.onWatermark(split, watermark);
            if (advanced) {
                advance(combined.current());
            } else if (idle && emitted > Long.MIN_VALUE && watermark < Long.MAX_VALUE) {
                // a split of an idle subtask has rows again: the consumers count this subtask again
                idle = false;
                output.emitWatermark(emitted);
            }
        }

        @Override
        public void markIdle() {
            if (combined.onIdle(split)) {
                advance(combined.current());
            }
            if (!idle && combined.allIdle()) {
                idle = true;
                output.markIdle();
            }
        }

        @Override
        public void finish() {
            throw new IllegalStateException("a split's watermarks do not finish the source's output");
        }
    }
}
