package io.weir.connector.filesystem;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV text into records: quoted fields may contain the delimiter, line breaks and
 * doubled quotes; CRLF and LF both end a record. Remembers whether each field was quoted, so that
 * an empty unquoted field (NULL) differs from {@code ""} (the empty string), and the line on which
 * each record starts, for error messages. Hot path: one buffer, reused field builders. Not
 * thread-safe.
 */
final class CsvRecordReader implements Closeable {
    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final boolean skipEmptyLines;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;

    /** With {@code skipEmptyLines} false an empty line is a record of one empty field (a one-column NULL row). */
    CsvRecordReader(Reader in, char delimiter, char quote, boolean skipEmptyLines) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.skipEmptyLines = skipEmptyLines;
    }

    /**
     * Reads the next record; false at the end of the input.
     *
     * @throws CsvSyntaxException when a quoted field is not closed before the end of the input
     */
    boolean next() throws IOException {
        fields.clear();
        quoted.clear();
        int c = peek();
        while (skipEmptyLines && (c == '\n' || c == '\r')) {
            endOfLine(read());
            c = peek();
        }
        if (c == EOF) {
            return false;
        }
        recordLine = line;
        while (true) {
            readField();
            int end = read();
            if (end == delimiter) {
                continue;
            }
            if (end != EOF) {
                endOfLine(end);
            }
            return true;
        }
    }

    private void readField() throws IOException {
        field.setLength(0);
        boolean isQuoted = peek() == quote;
        if (isQuoted) {
            read();
            readQuoted();
        }
        // unquoted text, or (leniently) text after a closing quote, runs to the delimiter or line end
        int c = peek();
        while (c != EOF && c != delimiter && c != '\n' && c != '\r') {
            field.append((char) read());
            c = peek();
        }
        fields.add(field.toString());
        quoted.add(isQuoted);
    }

    private void readQuoted() throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new CsvSyntaxException("a quoted field starting on line " + recordLine + " is never closed");
            }
            if (c == quote) {
                if (peek() != quote) {
                    return;
                }
                read();
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            field.append((char) c);
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int count = in.read(buffer, 0, buffer.length);
        if (count <= 0) {
            return false;
        }
        position = 0;
        limit = count;
        return true;
    }

    int fieldCount() {
        return fields.size();
    }

    String field(int index) {
        return fields.get(index);
    }

    boolean isQuoted(int index) {
        return quoted.get(index);
    }

    /** The 1-based line on which the current record starts. */
    long recordLine() {
        return recordLine;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Text that is not CSV at all; the reader cannot continue in the same file after it. */
    static final class CsvSyntaxException extends IOException {
        CsvSyntaxException(String message) {
            super(message);
        }
    }
}
