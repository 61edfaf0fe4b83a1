package io.weir.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, client-side, so that each statement
 * can be sent on its own and an error can be reported with its line in the script.
 *
 * <p>Semicolons inside {@code '...'} strings (with {@code ''} escapes), {@code "..."} and
 * {@code `...`} identifiers, {@code --} line comments and {@code /* *}{@code /} block comments do
 * not split. Leading whitespace and comments are dropped from each statement, trailing whitespace
 * too; statements left empty are dropped. Stateless.
 */
public final class ScriptSplitter {
    /** One statement: its text (without the semicolon) and the 1-based line of the script it starts on. */
    public record Statement(String sql, int line) {
        public Statement {
            requireNonNull(sql, "sql is null");
            if (line < 1) {
                throw new IllegalArgumentException("line is 1-based: " + line);
            }
        }
    }

    private ScriptSplitter() {
    }

    /** The statements of {@code script}, in order. */
    public static List<Statement> split(String script) {
        requireNonNull(script, "script is null");
        List<Statement> statements = new ArrayList<>();
        int line = 1;
        int start = -1;
        int startLine = 0;
        int i = 0;
        int length = script.length();
        while (i < length) {
            char c = script.charAt(i);
            char next = i + 1 < length ? script.charAt(i + 1) : '\0';
            int end;
            if (c == '-' && next == '-') {
                end = indexOrEnd(script, "\n", i + 2);
            } else if (c == '/' && next == '*') {
                int close = script.indexOf("*/", i + 2);
                end = close < 0 ? length : close + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                if (start < 0) {
                    start = i;
                    startLine = line;
                }
                end = endOfQuoted(script, i, c);
            } else if (c == ';') {
                addStatement(statements, script, start, i, startLine);
                start = -1;
                end = i + 1;
            } else {
                if (start < 0 && !Character.isWhitespace(c)) {
                    start = i;
                    startLine = line;
                }
                end = i + 1;
            }
            line += countNewlines(script, i, end);
            i = end;
        }
        addStatement(statements, script, start, length, startLine);
        return List.copyOf(statements);
    }

    private static void addStatement(List<Statement> statements, String script, int start, int end, int line) {
        if (start < 0) {
            return;
        }
        String sql = script.substring(start, end).stripTrailing();
        if (!sql.isEmpty()) {
            statements.add(new Statement(sql, line));
        }
    }

    /** The index after the closing quote; a doubled quote is an escaped quote. Unterminated: the end. */
    private static int endOfQuoted(String script, int open, char quote) {
        int i = open + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }

    private static int indexOrEnd(String script, String target, int from) {
        int index = script.indexOf(target, from);
        return index < 0 ? script.length() : index;
    }

    private static int countNewlines(String script, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (script.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
