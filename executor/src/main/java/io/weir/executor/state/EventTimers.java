package io.weir.executor.state;

/**
 * Event-time timers per key, stored in the backend (so checkpoints keep them and a restore at
 * another parallelism moves them with their key group). Subtask thread only.
 */
public interface EventTimers {
    /** What a firing timer runs, with the backend's current key set to the timer's key. */
    @FunctionalInterface
    interface Callback {
        void fire(int keyGroup, byte[] key, long time);
    }

    /** Registers a timer at {@code time} for the current key; registering the same one twice keeps one. */
    void register(long time);

    /** Fires (and removes) every timer at or before {@code time}, earliest first. */
    void fireUpTo(long time, Callback callback);
}
