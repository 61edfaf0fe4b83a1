package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@code postgres-cdc} reader stands, as stored in a checkpoint.
 *
 * <p>{@code segments} are the primary-key ranges the snapshot has emitted, in key order: segment i
 * covers the keys above segment i-1's upper key up to its own {@code upper} (inclusive; null means
 * no upper bound), and its rows were read in a snapshot consistent at {@code lsn}. A change to a
 * key is emitted only when its transaction commits at or after that LSN: older changes are already
 * in the snapshot's rows. While the phase is {@link Phase#SNAPSHOT}, the keys above the last
 * segment are still to be read (under a fresh snapshot).
 *
 * <p>Streaming, {@code streamFrom} is the LSN after the last transaction fully emitted (0: the
 * slot's confirmed position); when a checkpoint fell inside a transaction, {@code txnFinalLsn}
 * names it and {@code txnEventsDone} counts its changes already handled, which a resumed reader
 * skips.
 */
record CdcPosition(Phase phase, List<Segment> segments, long streamFrom, long txnFinalLsn, int txnEventsDone) {
    private static final int VERSION = 1;

    enum Phase { SNAPSHOT, STREAM }

    /** Keys up to {@code upper} (text form, one per key column; null: unbounded) were read at {@code lsn}. */
    record Segment(List<String> upper, long lsn) {
    }

    CdcPosition {
        requireNonNull(phase, "phase is null");
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
    }

    /** The state before anything was read: a snapshot from the first key, or streaming only. */
    static CdcPosition initial(boolean snapshot) {
        return new CdcPosition(snapshot ? Phase.SNAPSHOT : Phase.STREAM, List.of(), 0, 0, 0);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeByte(phase.ordinal());
            out.writeInt(segments.size());
            for (Segment segment : segments) {
                out.writeLong(segment.lsn());
                out.writeBoolean(segment.upper() != null);
                if (segment.upper() != null) {
                    out.writeInt(segment.upper().size());
                    for (String value : segment.upper()) {
                        out.writeUTF(value);
                    }
                }
            }
            out.writeLong(streamFrom);
            out.writeLong(txnFinalLsn);
            out.writeInt(txnEventsDone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static CdcPosition fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("unknown postgres-cdc position version " + version);
            }
            Phase phase = Phase.values()[in.readByte()];
            int count = in.readInt();
            List<Segment> segments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long lsn = in.readLong();
                List<String> upper = null;
                if (in.readBoolean()) {
                    int size = in.readInt();
                    upper = new ArrayList<>(size);
                    for (int j = 0; j < size; j++) {
                        upper.add(in.readUTF());
                    }
                }
                segments.add(new Segment(upper, lsn));
            }
            return new CdcPosition(phase, segments, in.readLong(), in.readLong(), in.readInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
