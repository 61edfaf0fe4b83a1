package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads one file of a filesystem table into batches: a local file, or an {@code s3://} object
 * (streamed for the text formats, fetched whole for Parquet, whose footer comes first). Opens the
 * file on the first {@link #read}; logs one WARN with the number of skipped records when parse
 * errors are ignored. Runs on the subtask's thread only.
 */
final class FileSplitReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(FileSplitReader.class);

    private final FileSystemConfig config;
    private final FileSplit split;
    /** How to reach S3; null for a local table. */
    private final S3Settings s3;
    private S3Client client;
    private RecordDecoder decoder;
    private boolean finished;

    FileSplitReader(FileSystemConfig config, FileSplit split, S3Settings s3) {
        this.config = config;
        this.split = split;
        this.s3 = s3;
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
        boolean onS3 = S3Location.isS3(split.path());
        try {
            if (config.format() == FileFormat.PARQUET) {
                InputFile input;
                if (onS3) {
                    try (InputStream object = fetch()) {
                        input = new BytesInputFile(object.readAllBytes());
                    }
                } else {
                    input = new LocalInputFile(Paths.get(split.path()));
                }
                return new ParquetDecoder(config, split, input);
            }
            InputStream stream = onS3 ? fetch() : Files.newInputStream(Paths.get(split.path()));
            BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 64 * 1024);
            return switch (config.format()) {
                case CSV -> new CsvDecoder(config, split, in);
                case JSON -> new JsonDecoder(config, split, in);
                case DEBEZIUM_JSON -> new DebeziumJsonDecoder(config, split, in);
                case PARQUET -> throw new IllegalStateException("parquet is read above");
            };
        } catch (NoSuchFileException | NoSuchKeyException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "File " + split.path() + " of table '" + config.tableName()
                    + "' disappeared before it could be read", e);
        } catch (SdkException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read object " + split.path() + " of table '"
                    + config.tableName() + "': " + e.getMessage(), e);
        }
    }

    /** The S3 object of the split, as a stream the caller closes. */
    private InputStream fetch() {
        S3Location location = S3Location.parse(config.tableName(), split.path());
        if (client == null) {
            client = s3.newClient();
        }
        return client.getObject(b -> b.bucket(location.bucket()).key(location.prefix()));
    }

    private void finish() throws IOException {
        finished = true;
        if (decoder.skipped() > 0) {
            LOG.warn("Skipped {} unparsable records in file {} of table '{}'", decoder.skipped(), split.path(),
                    config.tableName());
        }
        decoder.close();
        closeClient();
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
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
        closeClient();
    }
}
