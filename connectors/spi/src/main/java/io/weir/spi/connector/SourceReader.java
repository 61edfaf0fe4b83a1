package io.weir.spi.connector;

import io.weir.spi.batch.BatchBuilder;

/**
 * Reads one split into batches. Single-threaded: the subtask's thread calls {@link #read} in a loop
 * and never concurrently; {@link #close} is called exactly once, also after a failure or a cancel.
 */
public interface SourceReader extends AutoCloseable {
    /** What a call to {@link #read} achieved. */
    enum ReadStatus {
        /** Rows may have been added; call again. */
        MORE,
        /** Nothing is available right now (a rate limit, no new data); call again later, soon. */
        NOTHING_AVAILABLE,
        /** The split is exhausted; rows added by this call still count. */
        END
    }

    /** Appends up to {@code out.capacity()} rows to {@code out}; must not block for long (at most ~100 ms). */
    ReadStatus read(BatchBuilder out);

    @Override
    void close();
}
