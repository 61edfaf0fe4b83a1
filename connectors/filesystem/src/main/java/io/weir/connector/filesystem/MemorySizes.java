package io.weir.connector.filesystem;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses memory sizes as Flink's {@code MemorySize} does: {@code 128MB}, {@code 1 kb}, {@code 64m}; a bare number is bytes. */
final class MemorySizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private MemorySizes() {
    }

    /** The number of bytes; IllegalArgumentException for anything else. */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory size: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "", "b", "bytes" -> 1L;
            case "k", "kb", "kibibytes" -> 1L << 10;
            case "m", "mb", "mebibytes" -> 1L << 20;
            case "g", "gb", "gibibytes" -> 1L << 30;
            case "t", "tb", "tebibytes" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit: " + matcher.group(2));
        };
        return Math.multiplyExact(amount, unit);
    }
}
