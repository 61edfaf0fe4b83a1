package io.weir.spi.connector;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes the batches of one subtask. Single-threaded. The executor calls {@link #write} for every
 * batch, {@link #prepareCommit} at every commit point (each checkpoint barrier, and the end of
 * input), and {@link #close} exactly once at the end, whether the job succeeded or not. What a
 * writer stages becomes visible only when the sink commits it, after the checkpoint completes.
 */
public interface SinkWriter extends AutoCloseable {
    /** Writes rows [0, batch.getRowCount()); the batch is only valid during the call. */
    void write(VectorSchemaRoot batch);

    /** Flushes, stages what was written since the last call, and returns it for {@link TableSink#commit}. */
    List<Committable> prepareCommit();

    /** Releases resources; output written but never prepared is discarded. */
    @Override
    void close();
}
