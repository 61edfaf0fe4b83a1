package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Turns the records of one file into rows of a batch, writing parsed values straight into the
 * typed vectors (hot path). Subclasses decode one record; this class adds the partition values,
 * skips and counts bad records when parse errors are ignored, and otherwise fails with BAD_RECORD
 * naming the value, the type, the column, the file and the line.
 *
 * <p>A record that fails half-way leaves values in the row it was writing; the row is not
 * committed and the next record overwrites every column of it.
 */
abstract class RecordDecoder implements Closeable {
    private static final int MAX_SHOWN = 100;

    protected final FileSystemConfig config;
    protected final String file;
    protected final RowType fileSchema;
    /** The batch column of each file column. */
    protected final int[] fileColumns;
    protected final TextValues.Setter[] setters;
    private final int[] partitionColumns;
    private final Object[] partitionValues;
    private long skipped;

    RecordDecoder(FileSystemConfig config, FileSplit split) {
        this.config = config;
        this.file = split.path();
        this.fileSchema = config.fileSchema();
        this.fileColumns = new int[fileSchema.size()];
        this.setters = new TextValues.Setter[fileSchema.size()];
        for (int i = 0; i < fileColumns.length; i++) {
            fileColumns[i] = config.schema().names().indexOf(fileSchema.field(i).name());
            // Parquet values are typed already; only the text formats parse
            setters[i] = config.format() == FileFormat.PARQUET ? null : TextValues.setter(fileSchema.type(i));
        }
        List<String> keys = config.partitionKeys();
        this.partitionColumns = new int[keys.size()];
        this.partitionValues = new Object[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            partitionColumns[i] = config.schema().names().indexOf(keys.get(i));
            String text = split.partitionValues().get(i);
            DataType type = config.schema().type(partitionColumns[i]);
            try {
                partitionValues[i] = text == null ? null : TextValues.parse(type, text);
            } catch (RuntimeException e) {
                throw new WeirException(ErrorCode.BAD_RECORD, "Cannot parse partition value '" + shown(text) + "' as "
                        + type + " for column '" + keys.get(i) + "' in the directory of file " + file, e);
            }
        }
    }

    /** Appends the next good record as one row; false at the end of the file. */
    final boolean next(BatchBuilder out) throws IOException {
        while (true) {
            int row = out.rowCount();
            try {
                if (!decode(out, row)) {
                    return false;
                }
            } catch (WeirException e) {
                if (e.code() != ErrorCode.BAD_RECORD || !config.ignoreParseErrors()) {
                    throw e;
                }
                skipped++;
                continue;
            }
            for (int i = 0; i < partitionColumns.length; i++) {
                BatchValues.set(out.vector(partitionColumns[i]), row, partitionValues[i]);
            }
            out.commitRows(1);
            return true;
        }
    }

    /** Decodes one record into {@code row}; false at the end of the file; WeirException BAD_RECORD when it is bad. */
    protected abstract boolean decode(BatchBuilder out, int row) throws IOException;

    /** The number of bad records skipped so far. */
    final long skipped() {
        return skipped;
    }

    /** Sets file column {@code column} from {@code text}, or fails naming the record. */
    protected final void set(BatchBuilder out, int column, int row, String text, long line) {
        try {
            setters[column].set(out.vector(fileColumns[column]), row, text);
        } catch (RuntimeException e) {
            throw new WeirException(ErrorCode.BAD_RECORD, "Cannot parse '" + shown(text) + "' as "
                    + fileSchema.type(column) + " for column '" + fileSchema.field(column).name() + "' in file " + file
                    + ", line " + line, e);
        }
    }

    protected final void setNull(BatchBuilder out, int column, int row) {
        BatchValues.setNull(out.vector(fileColumns[column]), row);
    }

    protected final WeirException badRecord(String problem, long line) {
        return new WeirException(ErrorCode.BAD_RECORD, problem + " in file " + file + ", line " + line);
    }

    protected static String shown(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
