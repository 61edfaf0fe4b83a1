package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.type.TypeKind;
import java.io.IOException;
import java.io.Reader;

/**
 * Decodes CSV records, mapping fields by position onto the file columns. A field is NULL when it
 * equals {@code csv.null-literal}, or, without a null literal, when it is empty and unquoted; an
 * empty field of a column that is neither character nor BYTES is NULL either way.
 */
final class CsvDecoder extends RecordDecoder {
    private final CsvRecordReader records;
    private final String nullLiteral;
    private final boolean[] character;

    CsvDecoder(FileSystemConfig config, FileSplit split, Reader in) {
        super(config, split);
        this.records = new CsvRecordReader(in, config.delimiter(), config.quote(), fileSchema.size() > 1);
        this.nullLiteral = config.nullLiteral();
        this.character = new boolean[fileSchema.size()];
        for (int i = 0; i < character.length; i++) {
            // BYTES too: an empty value is written as "" and must not read back as NULL
            character[i] = fileSchema.type(i).kind().isCharacter() || fileSchema.type(i).kind() == TypeKind.BYTES;
        }
    }

    @Override
    protected boolean decode(BatchBuilder out, int row) throws IOException {
        try {
            if (!records.next()) {
                return false;
            }
        } catch (CsvRecordReader.CsvSyntaxException e) {
            throw badRecord("Malformed CSV: " + e.getMessage(), records.recordLine());
        }
        long line = records.recordLine();
        if (records.fieldCount() != fileColumns.length) {
            throw badRecord("Expected " + fileColumns.length + " fields but found " + records.fieldCount(), line);
        }
        for (int column = 0; column < fileColumns.length; column++) {
            String text = records.field(column);
            boolean quoted = records.isQuoted(column);
            if (isNull(column, text, quoted)) {
                setNull(out, column, row);
            } else {
                set(out, column, row, text, line);
            }
        }
        return true;
    }

    private boolean isNull(int column, String text, boolean quoted) {
        if (nullLiteral != null) {
            return text.equals(nullLiteral) || (text.isEmpty() && !character[column]);
        }
        return text.isEmpty() && (!quoted || !character[column]);
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
