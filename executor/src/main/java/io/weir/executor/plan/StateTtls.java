package io.weir.executor.plan;

/** Checks and shows the {@code stateTtlMillis} of the specs of stateful operators. Stateless. */
final class StateTtls {
    private StateTtls() {
    }

    static void check(long stateTtlMillis) {
        if (stateTtlMillis < 0) {
            throw new IllegalArgumentException("stateTtlMillis must not be negative, not " + stateTtlMillis);
        }
    }

    static String describe(long stateTtlMillis) {
        return stateTtlMillis > 0 ? ", stateTtl=" + stateTtlMillis + " ms" : "";
    }
}
