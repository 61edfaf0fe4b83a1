package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes CSV records ending in {@code \n}, values in {@link TextValues}' text form. A field is
 * quoted only when it must be: it contains the delimiter, the quote, a line break, or it is an
 * empty string (so that it reads back as {@code ""} rather than NULL) or equals the null literal.
 * NULL is the null literal, or an empty field when none is set.
 */
final class CsvEncoder implements RowEncoder {
    private final RowType fileSchema;
    private final int[] columns;
    private final char delimiter;
    private final char quote;
    private final String nullLiteral;
    private final StringBuilder line = new StringBuilder();

    CsvEncoder(FileSystemConfig config, int[] columns) {
        this.fileSchema = config.fileSchema();
        this.columns = columns;
        this.delimiter = config.delimiter();
        this.quote = config.quote();
        this.nullLiteral = config.nullLiteral();
    }

    @Override
    public void encode(VectorSchemaRoot batch, int row, ByteArrayOutputStream out) {
        line.setLength(0);
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            Object value = BatchValues.get(batch.getVector(columns[i]), row);
            if (value == null) {
                line.append(nullLiteral == null ? "" : nullLiteral);
            } else {
                appendField(TextValues.format(fileSchema.type(i), value));
            }
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    private void appendField(String text) {
        if (!needsQuotes(text)) {
            line.append(text);
            return;
        }
        line.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                line.append(quote);
            }
            line.append(c);
        }
        line.append(quote);
    }

    private boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equals(nullLiteral)) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == delimiter || c == quote || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
