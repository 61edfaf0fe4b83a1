package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.SourceSplit;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a source subtask stores in a checkpoint: the splits it has still to read, each with the
 * position its reader stored (null: from its start) and its watermark ({@link Long#MIN_VALUE}: none
 * yet), so that whichever subtask reads the split after a restore resumes both. Checkpoints written
 * before per-split watermarks (no watermarks; a single position before that) are read too.
 */
record SourceSplitState(List<SourceSplit> splits, List<byte[]> positions, List<Long> watermarks) {
    SourceSplitState {
        requireNonNull(splits, "splits is null");
        requireNonNull(positions, "positions is null");
        requireNonNull(watermarks, "watermarks is null");
        if (positions.size() != splits.size() || watermarks.size() != splits.size()) {
            throw new IllegalArgumentException("one position and one watermark per split");
        }
    }

    static byte[] write(List<SourceSplit> splits, List<byte[]> positions, List<Long> watermarks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(splits));
            out.writeObject(new ArrayList<>(positions));
            out.writeObject(new ArrayList<>(watermarks));
        } catch (IOException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot snapshot the position of source splits: " + e, e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static SourceSplitState read(byte[] state) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
            List<SourceSplit> splits = (List<SourceSplit>) in.readObject();
            Object stored = in.readObject();
            List<byte[]> positions = new ArrayList<>(stored instanceof List<?> list ? (List<byte[]>) list
                    : Collections.singletonList((byte[]) stored));
            while (positions.size() < splits.size()) {
                positions.add(null);
            }
            List<Long> watermarks;
            try {
                watermarks = (List<Long>) in.readObject();
            } catch (EOFException e) {
                watermarks = Collections.nCopies(splits.size(), Long.MIN_VALUE);
            }
            return new SourceSplitState(splits, positions.subList(0, splits.size()), watermarks);
        } catch (IOException | ClassNotFoundException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot restore the position of source splits: " + e, e);
        }
    }
}
