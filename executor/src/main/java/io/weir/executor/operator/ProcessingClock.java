package io.weir.executor.operator;

/**
 * Processing time: the wall clock an operator stamps state with and the subtask fires
 * processing-time timers by. A test passes a clock it moves itself, so expiry is not a matter of
 * timing. Read on the subtask's thread.
 */
@FunctionalInterface
public interface ProcessingClock {
    /** The system's wall clock. */
    ProcessingClock SYSTEM = System::currentTimeMillis;

    /** The current processing time in epoch milliseconds. */
    long now();
}
