package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet {@link InputFile} over bytes already in memory (an object fetched from S3). Immutable. */
final class BytesInputFile implements InputFile {
    private final byte[] bytes;

    BytesInputFile(byte[] bytes) {
        this.bytes = requireNonNull(bytes, "bytes is null");
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        Positioned in = new Positioned(bytes);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() {
                return in.position();
            }

            @Override
            public void seek(long newPos) {
                in.seek(newPos);
            }
        };
    }

    /** A ByteArrayInputStream whose position can be read and set. */
    private static final class Positioned extends ByteArrayInputStream {
        Positioned(byte[] bytes) {
            super(bytes);
        }

        long position() {
            return pos;
        }

        void seek(long newPos) {
            pos = (int) Math.min(Math.max(0, newPos), count);
        }
    }
}
