package io.weir.executor.operator;

import io.weir.executor.state.ByteHashes;
import java.util.Arrays;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hash table from group keys to dense group ids 0, 1, 2, ... Each row's key columns are encoded once
 * into a reusable scratch buffer (a null flag, then the value's raw Arrow bytes: fixed-width values by
 * their width, variable-width ones with a length), looked up by hash in an open-addressing table, and
 * copied into one byte arena when new. No allocation per row for known groups.
 *
 * <p>Hot path: called once per input row. Not thread-safe.
 */
final class GroupTable {
    private final int[] keyColumns;
    private byte[] scratch = new byte[64];
    private int scratchLength;
    private byte[] arena = new byte[1 << 12];
    private int arenaLength;
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private int groups;
    private int[] slots = newSlots(1024);
    private int mask = 1023;

    GroupTable(int[] keyColumns) {
        this.keyColumns = keyColumns.clone();
    }

    int groupCount() {
        return groups;
    }

    /**
     * Fills {@code groupIds[r]} with the group of each row, creating groups as needed. With
     * {@code prefix} (may be null) each row's key also starts with {@code prefix[r]} (used for DISTINCT:
     * group id + argument); {@code isNew[r]} (may be null) tells whether the row created its group.
     */
    void lookup(VectorSchemaRoot batch, int[] prefix, int[] groupIds, boolean[] isNew) {
        lookup(batch, prefix, groupIds, isNew, null);
    }

    /**
     * As {@link #lookup(VectorSchemaRoot, int[], int[], boolean[])} for the rows with {@code rowMask[r]}
     * only (null: every row); the others get no group, and {@code groupIds[r]} and {@code isNew[r]}
     * (false) mean nothing for them.
     */
    void lookup(VectorSchemaRoot batch, int[] prefix, int[] groupIds, boolean[] isNew, boolean[] rowMask) {
        int rows = batch.getRowCount();
        FieldVector[] vectors = new FieldVector[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            vectors[i] = batch.getVector(keyColumns[i]);
        }
        for (int r = 0; r < rows; r++) {
            if (rowMask != null && !rowMask[r]) {
                if (isNew != null) {
                    isNew[r] = false;
                }
                continue;
            }
            scratchLength = 0;
            if (prefix != null) {
                ensureScratch(4);
                putInt(scratch, scratchLength, prefix[r]);
                scratchLength += 4;
            }
            for (FieldVector vector : vectors) {
                encode(vector, r);
            }
            int before = groups;
            groupIds[r] = findOrInsert(ByteHashes.hash(scratch, scratchLength));
            if (isNew != null) {
                isNew[r] = groups > before;
            }
        }
    }

    /**
     * As {@link #lookup} without a prefix, but reading each row's key from {@code columns} of
     * {@code batch}, which must have the types of the table's key columns (a join probes with the other
     * input's key columns).
     */
    void lookup(VectorSchemaRoot batch, int[] columns, int[] groupIds) {
        int rows = batch.getRowCount();
        FieldVector[] vectors = new FieldVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
            vectors[i] = batch.getVector(columns[i]);
        }
        for (int r = 0; r < rows; r++) {
            scratchLength = 0;
            for (FieldVector vector : vectors) {
                encode(vector, r);
            }
            groupIds[r] = findOrInsert(ByteHashes.hash(scratch, scratchLength));
        }
    }

    /** Makes sure group 0 exists (a global aggregate over no rows still has its one group). */
    void ensureEmptyKeyGroup() {
        if (groups == 0 && keyColumns.length == 0) {
            scratchLength = 0;
            findOrInsert(ByteHashes.hash(scratch, 0));
        }
    }

    private void encode(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            ensureScratch(1);
            scratch[scratchLength++] = 0;
            return;
        }
        if (vector instanceof BitVector bits) {
            ensureScratch(2);
            scratch[scratchLength++] = 1;
            scratch[scratchLength++] = (byte) bits.get(row);
        } else if (vector instanceof BaseFixedWidthVector fixed) {
            int width = fixed.getTypeWidth();
            ensureScratch(1 + width);
            scratch[scratchLength++] = 1;
            fixed.getDataBuffer().getBytes((long) row * width, scratch, scratchLength, width);
            scratchLength += width;
        } else if (vector instanceof BaseVariableWidthVector variable) {
            int start = variable.getStartOffset(row);
            int length = variable.getValueLength(row);
            ensureScratch(5 + length);
            scratch[scratchLength++] = 1;
            putInt(scratch, scratchLength, length);
            scratchLength += 4;
            variable.getDataBuffer().getBytes(start, scratch, scratchLength, length);
            scratchLength += length;
        } else {
            throw new IllegalArgumentException("cannot group by a " + vector.getClass().getSimpleName());
        }
    }

    /** Writes the key columns of {@code group} into {@code out} columns 0.. at row {@code row}. */
    void writeKey(int group, VectorSchemaRoot out, int row) {
        int position = offsets[group];
        for (int column = 0; column < keyColumns.length; column++) {
            FieldVector vector = out.getVector(column);
            if (arena[position++] == 0) {
                vector.setNull(row);
                continue;
            }
            if (vector instanceof BitVector bits) {
                bits.set(row, arena[position++]);
            } else if (vector instanceof BaseFixedWidthVector fixed) {
                int width = fixed.getTypeWidth();
                fixed.getDataBuffer().setBytes((long) row * width, arena, position, width);
                fixed.setIndexDefined(row);
                position += width;
            } else {
                int length = ByteHashes.littleEndianInt(arena, position);
                position += 4;
                ((BaseVariableWidthVector) vector).setSafe(row, arena, position, length);
                position += length;
            }
        }
    }

    private int findOrInsert(int hash) {
        int slot = hash & mask;
        while (true) {
            int group = slots[slot];
            if (group < 0) {
                return insert(slot, hash);
            }
            if (hashes[group] == hash && lengths[group] == scratchLength
                    && Arrays.equals(arena, offsets[group], offsets[group] + scratchLength, scratch, 0, scratchLength)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(int slot, int hash) {
        int group = groups++;
        if (group == offsets.length) {
            offsets = Arrays.copyOf(offsets, group * 2);
            lengths = Arrays.copyOf(lengths, group * 2);
            hashes = Arrays.copyOf(hashes, group * 2);
        }
        if (arenaLength + scratchLength > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + scratchLength));
        }
        System.arraycopy(scratch, 0, arena, arenaLength, scratchLength);
        offsets[group] = arenaLength;
        lengths[group] = scratchLength;
        hashes[group] = hash;
        arenaLength += scratchLength;
        slots[slot] = group;
        if (groups * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    private void rehash() {
        slots = newSlots(slots.length * 2);
        mask = slots.length - 1;
        for (int group = 0; group < groups; group++) {
            int slot = hashes[group] & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = group;
        }
    }

    private static int[] newSlots(int size) {
        int[] slots = new int[size];
        Arrays.fill(slots, -1);
        return slots;
    }

    private void ensureScratch(int more) {
        if (scratchLength + more > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLength + more));
        }
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }
}
