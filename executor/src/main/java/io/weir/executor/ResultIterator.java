package io.weir.executor;

import java.util.Iterator;

/**
 * The rows a job's collect vertex receives, as {@code Object[]} per the {@code TypeKind} convention,
 * in arrival order. {@link #hasNext()} blocks until a row is there, the job ended, or it failed (then
 * it throws the job's failure as a {@code WeirException}). Single consumer thread.
 */
public interface ResultIterator extends Iterator<Object[]>, AutoCloseable {
    /** Stops reading; cancels the job if it is still running. Idempotent. */
    @Override
    void close();
}
