package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchValues;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one subtask's rows into hidden part files, one open file per partition directory, rolling
 * to a new file once a file reaches {@code sink.rolling-policy.file-size} or has been open for
 * {@code sink.rolling-policy.rollover-interval} (checked when a batch arrives). Files are opened on
 * their first row, so a subtask without rows writes nothing. {@link #prepareCommit} closes the open
 * files and hands back every finished one; {@link #close} deletes what was never handed back.
 * Single-threaded.
 */
final class FileSystemWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemWriter.class);

    private final FileSystemConfig config;
    private final String uuid;
    private final int subtask;
    private final int[] fileColumns;
    private final int[] partitionColumns;
    private final RowEncoder encoder;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(256);
    private final Map<String, PartFile> open = new HashMap<>();
    private final List<PartFile> finished = new ArrayList<>();
    private static final String INPROGRESS = ".inprogress";
    private final String jobId;
    private int fileCount;

    /** {@code jobId} is in the names of hidden in-progress files, so that a resumed job finds its own leftovers. */
    FileSystemWriter(FileSystemConfig config, String uuid, int subtask, String jobId) {
        this.config = config;
        this.uuid = uuid;
        this.subtask = subtask;
        this.jobId = jobId;
        List<String> names = config.schema().names();
        this.fileColumns = config.fileSchema().names().stream().mapToInt(names::indexOf).toArray();
        this.partitionColumns = config.partitionKeys().stream().mapToInt(names::indexOf).toArray();
        this.encoder = switch (config.format()) {
            case CSV -> new CsvEncoder(config, fileColumns);
            case JSON -> new JsonEncoder(config, fileColumns);
            case DEBEZIUM_JSON -> new DebeziumJsonEncoder(config, fileColumns);
            case PARQUET -> null;   // whole files, see PartFile.parquet
        };
    }

    @Override
    public void write(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        try {
            rollExpired(System.currentTimeMillis());
            for (int row = 0; row < rows; row++) {
                String directory = partitionDirectory(batch, row);
                PartFile file = open.get(directory);
                if (file == null) {
                    file = openFile(directory);
                    open.put(directory, file);
                }
                if (file.parquet != null) {
                    Object[] values = new Object[fileColumns.length];
                    for (int i = 0; i < fileColumns.length; i++) {
                        values[i] = BatchValues.get(batch.getVector(fileColumns[i]), row);
                    }
                    file.parquet.write(values);
                    file.size = file.parquet.writtenBytes();
                } else {
                    record.reset();
                    encoder.encode(batch, row, record);
                    record.writeTo(file.out);
                    file.size += record.size();
                }
                if (file.size >= config.rollingFileSize()) {
                    file.finish();
                    finished.add(open.remove(directory));
                }
            }
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot write to table '" + config.tableName() + "' under "
                    + config.root() + ": " + e.getMessage(), e);
        }
    }

    /** Finishes the files open longer than {@code sink.rolling-policy.rollover-interval}. */
    private void rollExpired(long now) throws IOException {
        var it = open.values().iterator();
        while (it.hasNext()) {
            PartFile file = it.next();
            if (now - file.openedAt >= config.rolloverMillis()) {
                file.finish();
                finished.add(file);
                it.remove();
            }
        }
    }

    /** {@code a=1/b=x} for the row's partition values, or "" for an unpartitioned table. */
    private String partitionDirectory(VectorSchemaRoot batch, int row) {
        if (partitionColumns.length == 0) {
            return "";
        }
        StringBuilder directory = new StringBuilder();
        for (int i = 0; i < partitionColumns.length; i++) {
            int column = partitionColumns[i];
            Object value = BatchValues.get(batch.getVector(column), row);
            DataType type = config.schema().type(column);
            String text = value == null ? "" : TextValues.format(type, value);
            if (text.isEmpty()) {
                text = config.defaultPartitionName();
            }
            if (i > 0) {
                directory.append('/');
            }
            directory.append(PartitionPaths.escape(config.partitionKeys().get(i))).append('=')
                    .append(PartitionPaths.escape(text));
        }
        return directory.toString();
    }

    private PartFile openFile(String directory) throws IOException {
        Path dir = directory.isEmpty() ? config.rootPath() : config.rootPath().resolve(directory);
        Files.createDirectories(dir);
        String name = "part-" + uuid + "-" + subtask + "-" + fileCount++ + "." + config.format().extension();
        Path hidden = dir.resolve(hiddenName(name, jobId));
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(hidden), 64 * 1024);
        ParquetRowWriter parquet = config.format() == FileFormat.PARQUET
                ? new ParquetRowWriter(config.tableName(), config.fileSchema(), config.parquetBlockSize(),
                        CompressionCodecName.valueOf(config.parquetCompression().toUpperCase(Locale.ROOT)), out)
                : null;
        return new PartFile(hidden, dir.resolve(name), out, parquet, System.currentTimeMillis());
    }

    /** The in-progress name of part file {@code name} written by job {@code jobId}. */
    static String hiddenName(String name, String jobId) {
        return "." + name + "." + jobId + INPROGRESS;
    }

    /** Whether {@code fileName} is an in-progress file of job {@code jobId} (see {@link #hiddenName}). */
    static boolean isInProgressOf(String fileName, String jobId) {
        return fileName.startsWith(".part-") && fileName.endsWith("." + jobId + INPROGRESS);
    }

    @Override
    public List<Committable> prepareCommit() {
        try {
            for (PartFile file : open.values()) {
                file.finish();
                finished.add(file);
            }
            open.clear();
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot finish a file of table '" + config.tableName()
                    + "': " + e.getMessage(), e);
        }
        List<Committable> committables = new ArrayList<>(finished.size());
        for (PartFile file : finished) {
            committables.add(new PendingFile(file.hidden.toString(), file.visible.toString()));
        }
        finished.clear();
        return List.copyOf(committables);
    }

    @Override
    public void close() {
        for (PartFile file : open.values()) {
            try {
                file.out.close();
            } catch (IOException e) {
                LOG.debug("Cannot close {}", file.hidden, e);
            }
            finished.add(file);
        }
        open.clear();
        for (PartFile file : finished) {
            try {
                Files.deleteIfExists(file.hidden);
            } catch (IOException e) {
                LOG.warn("Cannot delete unfinished file {}", file.hidden, e);
            }
        }
        finished.clear();
    }

    /** An open part file and the number of bytes written to it. */
    private static final class PartFile {
        private final Path hidden;
        private final Path visible;
        private final OutputStream out;
        /** The Parquet writer over {@code out}, which writes the footer at {@link #finish}; or null. */
        private final ParquetRowWriter parquet;
        private final long openedAt;
        private long size;

        PartFile(Path hidden, Path visible, OutputStream out, ParquetRowWriter parquet, long openedAt) {
            this.hidden = hidden;
            this.visible = visible;
            this.out = out;
            this.parquet = parquet;
            this.openedAt = openedAt;
        }

        void finish() throws IOException {
            try (OutputStream stream = out) {
                if (parquet != null) {
                    parquet.finish();
                }
            }
        }
    }
}
