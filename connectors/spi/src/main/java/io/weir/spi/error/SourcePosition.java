package io.weir.spi.error;

/**
 * Where in the SQL text an error is: 1-based line and column, and the 1-based character offset
 * into the whole query string that pgwire reports in the ErrorResponse 'P' field.
 */
public record SourcePosition(int line, int column, int offset) {
    public SourcePosition {
        if (line < 1 || column < 1 || offset < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column + "@" + offset);
        }
    }

    /** Computes the position of {@code line:column} inside {@code text}. */
    public static SourcePosition of(String text, int line, int column) {
        int offset = 0;
        int currentLine = 1;
        while (currentLine < line && offset < text.length()) {
            if (text.charAt(offset) == '\n') {
                currentLine++;
            }
            offset++;
        }
        return new SourcePosition(line, column, Math.min(offset + column, Math.max(1, text.length())));
    }
}
