package io.weir.executor.state;

/**
 * Processing-time (wall-clock) timers per key, stored in the backend like {@link EventTimers}: under
 * the key's key group, so checkpoints keep them and a restore at another parallelism moves them with
 * their key group. The subtask fires them from its clock ({@code Operator#onProcessingTime}), not
 * from watermarks. Subtask thread only.
 */
public interface ProcessingTimers {
    /** Registers a timer at wall-clock {@code time} (epoch millis) for the current key; the same one twice keeps one. */
    void register(long time);

    /** Fires (and removes) every timer at or before {@code time}, earliest first, with the backend's current key set to each timer's key. */
    void fireUpTo(long time, EventTimers.Callback callback);
}
