package io.weir.spi.connector;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Flink's options accept them: {@code 10s}, {@code 10 s}, {@code 500 ms}, {@code 2 min}. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "", "ms", "milli", "millis", "millisecond", "milliseconds" -> Duration.ofMillis(amount);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
            case "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
            case "h", "hour", "hours" -> Duration.ofHours(amount);
            case "d", "day", "days" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit: " + matcher.group(2));
        };
    }
}
