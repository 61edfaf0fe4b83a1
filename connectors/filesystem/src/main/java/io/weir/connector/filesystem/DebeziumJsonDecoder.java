package io.weir.connector.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.TypeKind;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads Debezium JSON lines as a changelog, as Flink's {@code debezium-json} format does: op
 * {@code c} (create) and {@code r} (snapshot read) give {@code +I} of {@code after}; {@code u}
 * gives {@code -U} of {@code before} then {@code +U} of {@code after}; {@code d} gives {@code -D} of
 * {@code before}. Inside {@code before}/{@code after}, fields match columns by name as in
 * {@link JsonDecoder}. Blank lines are skipped; anything else (not an object, an unknown op, a
 * missing {@code before} of an update) is a bad record. Debezium's {@code schema}/{@code payload}
 * envelope is not supported yet: write the payload's fields at the top level.
 *
 * <p>The row kind goes into the batch column after the table's columns ({@link RowKind}'s
 * convention), when the batch has it.
 */
final class DebeziumJsonDecoder extends RecordDecoder {
    private final JsonLineReader lines;
    private final String[] names;
    private final TypeKind[] kinds;
    private final int rowKindColumn;
    /** The {@code after} of an update whose {@code -U} was emitted last; emitted next as {@code +U}. */
    private JsonNode pendingAfter;

    DebeziumJsonDecoder(FileSystemConfig config, FileSplit split, BufferedReader lines) {
        super(config, split);
        this.lines = new JsonLineReader(lines);
        this.names = fileSchema.names().toArray(String[]::new);
        this.kinds = new TypeKind[names.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = fileSchema.type(i).kind();
        }
        this.rowKindColumn = config.schema().size();
    }

    @Override
    protected boolean decode(BatchBuilder out, int row) throws IOException {
        if (pendingAfter != null) {
            JsonNode after = pendingAfter;
            pendingAfter = null;
            write(out, row, after, RowKind.UPDATE_AFTER);
            return true;
        }
        JsonNode object = lines.next(this, "a Debezium JSON object");
        if (object == null) {
            return false;
        }
        String text = lines.text();
        long line = lines.line();
        JsonNode op = object.get("op");
        String code = op == null || !op.isTextual() ? "" : op.textValue();
        switch (code) {
            case "c", "r" -> write(out, row, image(object, "after", text), RowKind.INSERT);
            case "u" -> {
                JsonNode before = image(object, "before", text);
                pendingAfter = image(object, "after", text);
                write(out, row, before, RowKind.UPDATE_BEFORE);
            }
            case "d" -> write(out, row, image(object, "before", text), RowKind.DELETE);
            default -> throw badRecord("Unknown Debezium operation " + (op == null ? "(no \"op\" field)" : op)
                    + " in '" + shown(text) + "'; expected \"c\", \"r\", \"u\" or \"d\"", line);
        }
        return true;
    }

    private JsonNode image(JsonNode object, String field, String text) {
        JsonNode image = object.get(field);
        if (image == null || !image.isObject()) {
            throw badRecord("The \"" + field + "\" field of '" + shown(text) + "' is not an object; a Debezium "
                    + "update needs both images (for PostgreSQL set REPLICA IDENTITY FULL on the table)", lines.line());
        }
        return image;
    }

    private void write(BatchBuilder out, int row, JsonNode image, RowKind kind) {
        for (int column = 0; column < names.length; column++) {
            JsonNode node = image.get(names[column]);
            if (node == null || node.isNull()) {
                setNull(out, column, row);
            } else {
                set(out, column, row, JsonDecoder.text(node, kinds[column]), lines.line());
            }
        }
        if (out.columnCount() > rowKindColumn) {
            BatchValues.set(out.vector(rowKindColumn), row, kind.toByteValue());
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
