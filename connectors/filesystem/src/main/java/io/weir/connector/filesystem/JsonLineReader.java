package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads JSON lines (one object per line, blank lines skipped) for the json and debezium-json
 * decoders, counting lines so a bad record is reported with its line. Single-threaded.
 */
final class JsonLineReader implements Closeable {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final BufferedReader lines;
    private long line;
    private String text;

    JsonLineReader(BufferedReader lines) {
        this.lines = requireNonNull(lines, "lines is null");
    }

    /**
     * The next object, or null at the end of the file; a line that is not a JSON object fails as a
     * bad record of {@code decoder}, naming {@code expected} (e.g. "a JSON object").
     */
    JsonNode next(RecordDecoder decoder, String expected) throws IOException {
        do {
            text = lines.readLine();
            line++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        JsonNode object;
        try {
            object = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw decoder.badRecord("Cannot parse '" + RecordDecoder.shown(text) + "' as JSON ("
                    + e.getOriginalMessage() + ")", line);
        }
        if (!object.isObject()) {
            throw decoder.badRecord("Expected " + expected + " but found '" + RecordDecoder.shown(text) + "'", line);
        }
        return object;
    }

    /** The line number of the object {@link #next} returned last. */
    long line() {
        return line;
    }

    /** The text of the object {@link #next} returned last. */
    String text() {
        return text;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
