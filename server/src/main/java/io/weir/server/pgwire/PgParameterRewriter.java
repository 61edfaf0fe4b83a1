package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites PostgreSQL's numbered parameters {@code $1}, {@code $2}, ... into the {@code ?}
 * markers Calcite's parser knows, outside string literals, quoted identifiers and comments.
 *
 * <p>Each {@code $n} becomes {@code ?} followed by spaces up to the original length, so every other
 * character keeps its offset and error positions still point into the client's text. The result
 * remembers which parameter number each {@code ?} stands for, in order of appearance (a number may
 * appear more than once, or not at all). Stateless.
 */
public final class PgParameterRewriter {
    private PgParameterRewriter() {
    }

    /**
     * The rewritten text and, for the k-th {@code ?} (0-based), the 1-based parameter number it
     * stands for; {@code parameterCount} is the highest number used (0 when none).
     */
    public record Rewritten(String sql, List<Integer> markerNumbers, int parameterCount) {
        public Rewritten {
            requireNonNull(sql, "sql is null");
            markerNumbers = List.copyOf(markerNumbers);
        }
    }

    /** Rewrites {@code sql}; text without {@code $n} comes back unchanged. */
    public static Rewritten rewrite(String sql) {
        requireNonNull(sql, "sql is null");
        StringBuilder out = new StringBuilder(sql);
        List<Integer> numbers = new ArrayList<>();
        int max = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean backslashes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                i = skipQuoted(sql, i, '\'', backslashes);
            } else if (c == '"' || c == '`') {
                i = skipQuoted(sql, i, c, false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '?') {
                // a bare '?' would be taken for a parameter; PostgreSQL has none, so refer it to no number
                numbers.add(0);
                i++;
            } else if (c == '$' && i + 1 < n && isDigit(sql.charAt(i + 1))
                    && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int end = i + 1;
                while (end < n && isDigit(sql.charAt(end))) {
                    end++;
                }
                int number = parseNumber(sql.substring(i + 1, end));
                numbers.add(number);
                max = Math.max(max, number);
                out.setCharAt(i, '?');
                for (int k = i + 1; k < end; k++) {
                    out.setCharAt(k, ' ');
                }
                i = end;
            } else if (isIdentifierPart(c)) {
                while (i < n && (isIdentifierPart(sql.charAt(i)) || sql.charAt(i) == '$')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return new Rewritten(out.toString(), numbers, max);
    }

    private static int parseNumber(String digits) {
        try {
            int number = Integer.parseInt(digits);
            // PostgreSQL allows at most 65535 parameters (the count is 16 bits on the wire)
            return number >= 1 && number <= 65_535 ? number : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The index after the closing quote (or the end of the text when it is unterminated). */
    private static int skipQuoted(String sql, int start, char quote, boolean backslashes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Block comments nest, as in PostgreSQL. */
    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
