package io.weir.connector.nexmark;

/**
 * A SplitMix64 stream re-seeded for every event from the event's number, so that an event's
 * values do not depend on which split generates it or on what was generated before. (The
 * published generator draws from one random stream per split, so its data changes with the
 * parallelism; the distributions drawn here are the same.) Not thread-safe; hot path.
 */
final class EventRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** Starts the stream of event {@code eventId}. */
    void reset(long eventId) {
        state = mix(eventId * GOLDEN_GAMMA + 0x5DEECE66DL);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code [0, bound)}, as the published {@code LongGenerator.nextLong}. */
    long nextLong(long bound) {
        if (bound < Integer.MAX_VALUE) {
            return nextInt((int) bound);
        }
        return Math.floorMod(nextLong(), bound);
    }

    /** Uniform in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
