package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows (values as {@link io.weir.spi.batch.BatchValues} reads them: Long, BigDecimal,
 * String, byte[], Integer epoch days for DATE, Integer millis of the day for TIME, Long epoch
 * millis for timestamps) as one Parquet file into an output stream (the sink's hidden part file);
 * no Hadoop FileSystem is involved. A row group is buffered in memory until it reaches
 * {@code blockSize} bytes. {@link #finish} writes the footer and closes the stream. Not thread-safe.
 */
final class ParquetRowWriter implements AutoCloseable {
    private final RowType schema;
    private final ParquetWriter<Object[]> writer;
    private boolean closed;

    ParquetRowWriter(String table, RowType schema, long blockSize, CompressionCodecName codec, OutputStream out) {
        this.schema = requireNonNull(schema, "schema is null");
        requireNonNull(out, "out is null");
        MessageType message = ParquetSchemas.messageType(table, schema);
        try {
            writer = new Builder(new StreamOutputFile(out), new RowWriteSupport(message, schema))
                    .withRowGroupSize(blockSize).withCompressionCodec(codec)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot start a Parquet file for table '" + table + "': "
                    + e.getMessage(), e);
        }
    }

    void write(Object[] row) throws IOException {
        writer.write(row);
    }

    /** The bytes written so far (row groups flushed), a lower bound of the finished file's size. */
    long writtenBytes() {
        return writer.getDataSize();
    }

    /** Finishes the file: writes the last row group and the footer, and closes the stream. */
    void finish() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final WriteSupport<Object[]> support;

        Builder(OutputFile file, WriteSupport<Object[]> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** Turns one row into Parquet record events; NULL values are simply omitted (optional fields). */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType message;
        private final RowType schema;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType message, RowType schema) {
            this.message = message;
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(message, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < schema.size(); i++) {
                writeField(schema.field(i).name(), i, schema.type(i), row[i]);
            }
            consumer.endMessage();
        }

        /** One field of the current group; a NULL value is simply omitted (optional fields). */
        private void writeField(String name, int index, DataType type, Object value) {
            if (value == null) {
                return;
            }
            consumer.startField(name, index);
            writeValue(type, value);
            consumer.endField(name, index);
        }

        private void writeValue(DataType type, Object value) {
            switch (type.kind()) {
                case ARRAY -> {
                    List<?> list = (List<?>) value;
                    consumer.startGroup();
                    if (!list.isEmpty()) {
                        consumer.startField("list", 0);
                        for (Object element : list) {
                            consumer.startGroup();
                            writeField("element", 0, type.children().get(0).type(), element);
                            consumer.endGroup();
                        }
                        consumer.endField("list", 0);
                    }
                    consumer.endGroup();
                }
                case MAP -> {
                    Map<?, ?> map = (Map<?, ?>) value;
                    consumer.startGroup();
                    if (!map.isEmpty()) {
                        consumer.startField("key_value", 0);
                        for (Map.Entry<?, ?> entry : map.entrySet()) {
                            if (entry.getKey() == null) {
                                throw new WeirException(ErrorCode.BAD_RECORD, "A MAP value has a NULL key, which "
                                        + "Parquet cannot store: " + map);
                            }
                            consumer.startGroup();
                            writeField("key", 0, type.children().get(0).type(), entry.getKey());
                            writeField("value", 1, type.children().get(1).type(), entry.getValue());
                            consumer.endGroup();
                        }
                        consumer.endField("key_value", 0);
                    }
                    consumer.endGroup();
                }
                case ROW -> {
                    List<?> fields = (List<?>) value;
                    consumer.startGroup();
                    for (int i = 0; i < type.children().size(); i++) {
                        writeField(type.children().get(i).name(), i, type.children().get(i).type(), fields.get(i));
                    }
                    consumer.endGroup();
                }
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case TINYINT, SMALLINT, INT, DATE, TIME -> consumer.addInteger(((Number) value).intValue());
                case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> consumer.addLong(((Number) value).longValue());
                case FLOAT -> consumer.addFloat(((Number) value).floatValue());
                case DOUBLE -> consumer.addDouble(((Number) value).doubleValue());
                case DECIMAL -> consumer.addBinary(Binary.fromConstantByteArray(
                        decimalBytes((BigDecimal) value, type.precision(), type.scale())));
                case CHAR, STRING -> consumer.addBinary(Binary.fromString(value.toString()));
                case BYTES -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) value));
                default -> throw new IllegalStateException("unsupported type " + type);
            }
        }

        /** The unscaled value as a big-endian two's complement of the fixed length for {@code precision}. */
        private static byte[] decimalBytes(BigDecimal value, int precision, int scale) {
            byte[] unscaled = value.setScale(scale, java.math.RoundingMode.HALF_UP).unscaledValue().toByteArray();
            int length = ParquetSchemas.decimalBytes(precision);
            byte[] out = new byte[length];
            byte pad = (byte) (unscaled[0] < 0 ? -1 : 0);
            int offset = length - unscaled.length;
            for (int i = 0; i < offset; i++) {
                out[i] = pad;
            }
            System.arraycopy(unscaled, 0, out, offset, unscaled.length);
            return out;
        }
    }

    /** A Parquet OutputFile over a stream that is already open, counting the bytes written. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return stream();
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return stream();
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        private PositionOutputStream stream() {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
    }
}
