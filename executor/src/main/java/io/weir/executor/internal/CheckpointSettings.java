package io.weir.executor.internal;

import io.weir.spi.connector.Durations;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Map;

/**
 * A job's checkpointing options, with Flink's names and defaults: interval (unset: no checkpoints),
 * timeout (10 min), {@code max-concurrent-checkpoints} (1), {@code min-pause} between the end of one
 * checkpoint and the start of the next (0), {@code tolerable-failed-checkpoints} (0: the first
 * expired or unstorable checkpoint fails the job) and {@code state.checkpoints.num-retained} (1).
 */
public record CheckpointSettings(long intervalMillis, long timeoutMillis, int maxConcurrent, long minPauseMillis,
        int tolerableFailures, int retained) {
    static final String INTERVAL = "execution.checkpointing.interval";
    static final String TIMEOUT = "execution.checkpointing.timeout";
    static final String MAX_CONCURRENT = "execution.checkpointing.max-concurrent-checkpoints";
    static final String MIN_PAUSE = "execution.checkpointing.min-pause";
    static final String TOLERABLE = "execution.checkpointing.tolerable-failed-checkpoints";
    static final String RETAINED = "state.checkpoints.num-retained";

    /** Reads the options of a job graph's config; a bad value fails with the option's name. */
    public static CheckpointSettings of(Map<String, String> config) {
        String interval = config.get(INTERVAL);
        long intervalMillis = interval == null || interval.isBlank() ? 0 : duration(config, INTERVAL, interval);
        long timeoutMillis = duration(config, TIMEOUT, config.getOrDefault(TIMEOUT, "10 min"));
        if (timeoutMillis <= 0) {
            throw invalid(TIMEOUT, config.get(TIMEOUT), "a positive duration");
        }
        return new CheckpointSettings(intervalMillis, timeoutMillis, integer(config, MAX_CONCURRENT, 1, 1),
                duration(config, MIN_PAUSE, config.getOrDefault(MIN_PAUSE, "0 ms")), integer(config, TOLERABLE, 0, 0),
                integer(config, RETAINED, 1, 1));
    }

    private static long duration(Map<String, String> config, String option, String text) {
        try {
            return Durations.parse(text).toMillis();
        } catch (RuntimeException e) {
            throw invalid(option, config.get(option), "a duration such as '10s' or '500 ms'");
        }
    }

    private static int integer(Map<String, String> config, String option, int defaultValue, int min) {
        String text = config.get(option);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(option, text, "an integer of at least " + min);
    }

    private static WeirException invalid(String option, String value, String expected) {
        return new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '" + value + "' for option '"
                + option + "': expected " + expected);
    }
}
