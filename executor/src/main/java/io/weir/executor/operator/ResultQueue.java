package io.weir.executor.operator;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Rows on their way from a job's {@link CollectOperator} to the client: a few chunks (one per batch)
 * of {@code Object[]} rows. A full queue blocks the collect subtask, which back-pressures the job.
 * One producer, one consumer.
 */
public final class ResultQueue {
    private static final int CAPACITY = 4;

    private final ArrayBlockingQueue<List<Object[]>> chunks = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean ended;

    void put(List<Object[]> chunk, Cancellation cancellation) {
        try {
            while (!chunks.offer(chunk, 10, TimeUnit.MILLISECONDS)) {
                cancellation.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** Every row has been put. */
    void end() {
        ended = true;
    }

    public boolean isEnded() {
        return ended;
    }

    /** The next chunk, waiting at most {@code millis}; null if none came. */
    public List<Object[]> poll(long millis) throws InterruptedException {
        return chunks.poll(millis, TimeUnit.MILLISECONDS);
    }

    public void clear() {
        chunks.clear();
    }
}
