package io.weir.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script at the semicolons that end statements, skipping those inside string
 * literals, quoted identifiers and comments, the way Calcite's lexer reads them.
 *
 * <p>Each segment is trimmed of surrounding whitespace and comments; segments that hold nothing
 * else are dropped.
 */
final class ScriptSplitter {
    /**
     * A statement's source range.
     *
     * @param start 0-based offset of the first character
     * @param end 0-based offset after the last character
     * @param unterminated offset of a quote or block comment that the script never closes, or -1
     */
    record Segment(int start, int end, int unterminated) {
    }

    private final String sql;
    private final List<Segment> segments = new ArrayList<>();
    private int segmentStart = -1;
    private int segmentEnd = -1;

    private ScriptSplitter(String sql) {
        this.sql = sql;
    }

    /** Returns the non-empty statement segments of the script, in order. */
    static List<Segment> split(String sql) {
        return new ScriptSplitter(sql).run();
    }

    private List<Segment> run() {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                flush(-1);
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineCommentEnd(i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*' && !startsHint(i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    mark(i, n);
                    flush(i);
                    return segments;
                } else {
                    i = end + 2;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = quoteEnd(i, c);
                if (end < 0) {
                    mark(i, n);
                    flush(i);
                    return segments;
                }
                mark(i, end);
                i = end;
            } else {
                mark(i, i + 1);
                i++;
            }
        }
        flush(-1);
        return segments;
    }

    /** A hint {@code /*+ ...}{@code *}{@code /} is part of the statement, not a comment to trim. */
    private boolean startsHint(int i) {
        return i + 2 < sql.length() && sql.charAt(i + 2) == '+';
    }

    private int lineCommentEnd(int i) {
        int j = i;
        while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    /** Returns the offset after the closing quote; a doubled quote is an escaped quote. */
    private int quoteEnd(int open, char quote) {
        int j = open + 1;
        while (j < sql.length()) {
            if (sql.charAt(j) == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    private void mark(int from, int to) {
        if (segmentStart < 0) {
            segmentStart = from;
        }
        segmentEnd = to;
    }

    private void flush(int unterminated) {
        if (segmentStart >= 0) {
            segments.add(new Segment(segmentStart, segmentEnd, unterminated));
        }
        segmentStart = -1;
        segmentEnd = -1;
    }
}
