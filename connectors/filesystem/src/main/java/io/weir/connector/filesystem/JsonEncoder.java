package io.weir.connector.filesystem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes one JSON object per line, as Flink's JSON format does: every column present, NULL as
 * {@code null}, numbers and booleans as JSON numbers and booleans (DECIMAL plain, never
 * exponential), BYTES as Base64 strings, DATE/TIME/TIMESTAMP as strings in {@link TextValues}' form.
 */
final class JsonEncoder implements RowEncoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final RowType fileSchema;
    private final int[] columns;

    JsonEncoder(FileSystemConfig config, int[] columns) {
        this.fileSchema = config.fileSchema();
        this.columns = columns;
    }

    @Override
    public void encode(VectorSchemaRoot batch, int row, ByteArrayOutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            for (int i = 0; i < columns.length; i++) {
                generator.writeFieldName(fileSchema.field(i).name());
                writeValue(generator, fileSchema.type(i), BatchValues.get(batch.getVector(columns[i]), row));
            }
            generator.writeEndObject();
        }
        out.write('\n');
    }

    static void writeValue(JsonGenerator generator, DataType type, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case TINYINT, SMALLINT, INT, BIGINT -> generator.writeNumber(((Number) value).longValue());
            case FLOAT -> generator.writeNumber((Float) value);
            case DOUBLE -> generator.writeNumber((Double) value);
            case DECIMAL -> generator.writeNumber((BigDecimal) value);
            default -> generator.writeString(TextValues.format(type, value));
        }
    }
}
