package io.weir.connector.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Encodes one row of a batch (its file columns only) as one record of a file format, line break included. */
interface RowEncoder {
    void encode(VectorSchemaRoot batch, int row, ByteArrayOutputStream out) throws IOException;
}
