package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file of a filesystem table into batches. Opens the file on the first {@link #read};
 * logs one WARN with the number of skipped records when parse errors are ignored. Runs on the
 * subtask's thread only.
 */
final class FileSplitReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(FileSplitReader.class);

    private final FileSystemConfig config;
    private final FileSplit split;
    private RecordDecoder decoder;
    private boolean finished;

    FileSplitReader(FileSystemConfig config, FileSplit split) {
        this.config = config;
        this.split = split;
    }

    @Override
    public ReadStatus read(BatchBuilder out) {
        if (finished) {
            return ReadStatus.END;
        }
        try {
            if (decoder == null) {
                decoder = open();
            }
            while (!out.isFull()) {
                if (!decoder.next(out)) {
                    finish();
                    return ReadStatus.END;
                }
            }
            return ReadStatus.MORE;
        } catch (IOException | UncheckedIOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read file " + split.path() + " of table '"
                    + config.tableName() + "': " + e.getMessage(), e);
        }
    }

    private RecordDecoder open() throws IOException {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(Paths.get(split.path())),
                    StandardCharsets.UTF_8), 64 * 1024);
            return switch (config.format()) {
                case CSV -> new CsvDecoder(config, split, in);
                case JSON -> new JsonDecoder(config, split, in);
                case DEBEZIUM_JSON -> new DebeziumJsonDecoder(config, split, in);
                case PARQUET -> throw new IllegalStateException("parquet sources are rejected at planning");
            };
        } catch (NoSuchFileException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "File " + split.path() + " of table '" + config.tableName()
                    + "' disappeared before it could be read", e);
        }
    }

    private void finish() throws IOException {
        finished = true;
        if (decoder.skipped() > 0) {
            LOG.warn("Skipped {} unparsable records in file {} of table '{}'", decoder.skipped(), split.path(),
                    config.tableName());
        }
        decoder.close();
    }

    /** The number of bad records skipped so far (0 before the file is opened). */
    long skipped() {
        return decoder == null ? 0 : decoder.skipped();
    }

    @Override
    public void close() {
        if (decoder != null && !finished) {
            try {
                decoder.close();
            } catch (IOException e) {
                LOG.debug("Cannot close file {}", split.path(), e);
            }
        }
    }
}
