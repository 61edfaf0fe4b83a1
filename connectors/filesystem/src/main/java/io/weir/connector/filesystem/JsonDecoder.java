package io.weir.connector.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.type.TypeKind;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Decodes JSON lines: one object per line, fields matched to columns by name (case-sensitive),
 * a missing field or {@code null} is NULL, blank lines are skipped. As in Flink's JSON format,
 * numbers may also be given as strings, and a character column takes any non-string JSON value as
 * its JSON text.
 */
final class JsonDecoder extends RecordDecoder {
    private final JsonLineReader lines;
    private final String[] names;
    private final TypeKind[] kinds;

    JsonDecoder(FileSystemConfig config, FileSplit split, BufferedReader lines) {
        super(config, split);
        this.lines = new JsonLineReader(lines);
        this.names = fileSchema.names().toArray(String[]::new);
        this.kinds = new TypeKind[names.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = fileSchema.type(i).kind();
        }
    }

    @Override
    protected boolean decode(BatchBuilder out, int row) throws IOException {
        JsonNode object = lines.next(this, "a JSON object");
        if (object == null) {
            return false;
        }
        long line = lines.line();
        for (int column = 0; column < names.length; column++) {
            JsonNode node = object.get(names[column]);
            if (node == null || node.isNull()) {
                setNull(out, column, row);
            } else {
                set(out, column, row, text(node, kinds[column]), line);
            }
        }
        return true;
    }

    static String text(JsonNode node, TypeKind kind) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        // an object or array: its JSON text, which only a character column accepts
        return kind.isCharacter() ? node.toString() : "<" + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ">";
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
