package io.weir.executor.internal;

import io.weir.executor.operator.Output;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Sends every batch to several outputs (a vertex with several outgoing edges); the copies share buffers. */
final class FanOutOutput implements Output {
    private final List<Output> outputs;
    private final BufferAllocator allocator;

    FanOutOutput(List<Output> outputs, BufferAllocator allocator) {
        this.outputs = List.copyOf(outputs);
        this.allocator = allocator;
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        try {
            for (int i = 0; i < outputs.size() - 1; i++) {
                outputs.get(i).emit(Batches.copy(batch, allocator));
            }
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
        outputs.get(outputs.size() - 1).emit(batch);
    }

    @Override
    public void emitBarrier(long checkpointId) {
        for (Output output : outputs) {
            output.emitBarrier(checkpointId);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        for (Output output : outputs) {
            output.emitWatermark(watermark);
        }
    }

    @Override
    public void markIdle() {
        for (Output output : outputs) {
            output.markIdle();
        }
    }

    @Override
    public void finish() {
        for (Output output : outputs) {
            output.finish();
        }
    }
}
