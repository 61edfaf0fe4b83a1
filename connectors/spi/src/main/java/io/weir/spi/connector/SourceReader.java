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

    /**
     * Where this reader stands: enough for a new reader of the same split to go on right after the
     * last row this reader added, and nothing before it. Called on the subtask's thread between two
     * {@link #read} calls, when a checkpoint barrier leaves the source; the bytes are stored in the
     * checkpoint and handed back through {@link ReaderContext#restoredPosition()}. {@code null} (the
     * default) means the reader cannot resume, so after a failure its split is read again from the
     * start and the job's output is at-least-once.
     */
    default byte[] snapshotPosition(long checkpointId) {
        return null;
    }

    /**
     * The checkpoint that stored a position of this reader is complete: everything read before it is
     * durable downstream. A source that must acknowledge its input (a CDC source confirming its LSN to
     * PostgreSQL) does it here, on the subtask's thread. No effect by default.
     */
    default void notifyCheckpointComplete(long checkpointId) {
    }

    @Override
    void close();
}
