package io.weir.parser;

import static java.util.Objects.requireNonNull;

/**
 * A SQL text that does not parse. The message is short and PostgreSQL-like, such as
 * {@code syntax error at or near "SELEC"} or {@code syntax error at end of input}, possibly
 * followed by {@code ; expected one of: ...} with at most 8 tokens.
 *
 * <p>Line, column and offset are 1-based and refer to the whole text given to
 * {@link WeirSqlParser} (for a script, the script, not the statement). The offset is the
 * character position that pgwire sends as the error's {@code P} field.
 */
public final class SqlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final int offset;

    /** Creates an exception; positions are 1-based. */
    public SqlSyntaxException(String message, int line, int column, int offset, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    /** Returns the 1-based line of the error. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column of the error. */
    public int column() {
        return column;
    }

    /** Returns the 1-based character offset of the error in the parsed text. */
    public int offset() {
        return offset;
    }

    /** Returns {@code line L:C: message}, the form for logs and the CLI. */
    public String describe() {
        return "line " + line + ":" + column + ": " + getMessage();
    }
}
