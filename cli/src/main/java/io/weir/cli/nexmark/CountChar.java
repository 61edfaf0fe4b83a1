package io.weir.cli.nexmark;

/**
 * Nexmark q14's user-defined function {@code count_char(s, c)}: how many times the first character
 * of {@code c} occurs in {@code s}; 0 when either is NULL or {@code c} is empty. The published
 * suite's {@code com.github.nexmark.flink.udf.CountChar}, written for Weir's {@code CREATE FUNCTION}
 * (a public class with a public {@code eval}). The bench puts this class into a jar of its own
 * ({@code NexmarkInputs}) so that q14 loads it as any user function is loaded. Stateless.
 */
public final class CountChar {
    public long eval(String s, String c) {
        if (s == null || c == null || c.isEmpty()) {
            return 0;
        }
        char wanted = c.charAt(0);
        long count = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == wanted) {
                count++;
            }
        }
        return count;
    }
}
