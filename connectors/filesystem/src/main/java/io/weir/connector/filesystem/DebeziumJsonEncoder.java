package io.weir.connector.filesystem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.RowType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a changelog as Flink's {@code debezium-json} format does, one JSON object per line with
 * the fields {@code before}, {@code after} and {@code op}: {@code +I} and {@code +U} rows become
 * {@code {"before":null,"after":{...},"op":"c"}}, {@code -U} and {@code -D} rows become
 * {@code {"before":{...},"after":null,"op":"d"}}, so that an update is a delete of the old row
 * followed by a create of the new one. Row values are written as {@link JsonEncoder} writes them.
 *
 * <p>The row kind is read from the batch column after the table's columns ({@link RowKind}'s
 * convention); a batch without it is insert-only.
 */
final class DebeziumJsonEncoder implements RowEncoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final RowType fileSchema;
    private final int[] columns;
    private final int rowKindColumn;

    DebeziumJsonEncoder(FileSystemConfig config, int[] columns) {
        this.fileSchema = config.fileSchema();
        this.columns = columns;
        this.rowKindColumn = config.schema().size();
    }

    @Override
    public void encode(VectorSchemaRoot batch, int row, ByteArrayOutputStream out) throws IOException {
        RowKind kind = RowKind.INSERT;
        if (batch.getFieldVectors().size() > rowKindColumn) {
            kind = RowKind.fromByteValue(((Number) BatchValues.get(batch.getVector(rowKindColumn), row)).byteValue());
        }
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName("before");
            if (kind.isAccumulate()) {
                generator.writeNull();
            } else {
                writeRow(generator, batch, row);
            }
            generator.writeFieldName("after");
            if (kind.isAccumulate()) {
                writeRow(generator, batch, row);
            } else {
                generator.writeNull();
            }
            generator.writeStringField("op", kind.isAccumulate() ? "c" : "d");
            generator.writeEndObject();
        }
        out.write('\n');
    }

    private void writeRow(JsonGenerator generator, VectorSchemaRoot batch, int row) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < columns.length; i++) {
            generator.writeFieldName(fileSchema.field(i).name());
            JsonEncoder.writeValue(generator, fileSchema.type(i), BatchValues.get(batch.getVector(columns[i]), row));
        }
        generator.writeEndObject();
    }
}
