package io.weir.executor.network;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.type.RowType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Turns a batch into the bytes of one Arrow IPC record-batch message and back. The schema does not
 * travel: both sides know the row type of the edge from the job graph. Hot path: one copy each way.
 */
final class BatchCodec {
    private BatchCodec() {
    }

    static byte[] encode(VectorSchemaRoot batch) {
        VectorUnloader unloader = new VectorUnloader(batch);
        try (ArrowRecordBatch records = unloader.getRecordBatch()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(256, (int) records.computeBodyLength() + 256));
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)), records);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a batch: " + e.getMessage(), e);
        }
    }

    static VectorSchemaRoot decode(ByteBuffer bytes, RowType rowType, BufferAllocator allocator) throws IOException {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.schema(rowType), allocator);
        try (ReadChannel in = new ReadChannel(new ByteArrayReadableSeekableByteChannel(copy));
                ArrowRecordBatch records = MessageSerializer.deserializeRecordBatch(in, allocator)) {
            new VectorLoader(root).load(records);
            return root;
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
