package io.weir.executor.internal;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Key groups, as in Flink: a row's key columns hash (by value, murmur3-style mixing) to one of
 * {@link #MAX_PARALLELISM} key groups, and key group {@code g} belongs to subtask
 * {@code g * parallelism / MAX_PARALLELISM}. Equal keys always reach the same subtask, whatever batch
 * they travel in.
 */
public final class KeyGroups {
    public static final int MAX_PARALLELISM = 128;
    private static final int NULL_HASH = 0x5bd1e995;

    private KeyGroups() {
    }

    /** Fills {@code targets[r]} with the subtask of each row of {@code batch}. */
    public static void assign(VectorSchemaRoot batch, List<Integer> keys, int parallelism, int[] targets) {
        int[] groups = keyGroups(batch, keys);
        for (int r = 0; r < groups.length; r++) {
            targets[r] = subtask(groups[r], parallelism);
        }
    }

    /**
     * The key group of each row of {@code batch} by its {@code keys} columns: the same groups
     * {@link #assign} routes by, so an operator that cuts its state with them hands every entry to the
     * subtask that receives its key.
     */
    public static int[] keyGroups(VectorSchemaRoot batch, List<Integer> keys) {
        int rows = batch.getRowCount();
        int[] hashes = new int[rows];
        for (int key : keys) {
            FieldVector vector = batch.getVector(key);
            for (int r = 0; r < rows; r++) {
                hashes[r] = hashes[r] * 31 + hash(vector, r);
            }
        }
        for (int r = 0; r < rows; r++) {
            hashes[r] = keyGroup(hashes[r]);
        }
        return hashes;
    }

    /** Whether subtask {@code subtask} of {@code parallelism} owns key group {@code keyGroup}. */
    public static boolean owns(int subtask, int parallelism, int keyGroup) {
        return subtask(keyGroup, parallelism) == subtask;
    }

    public static int keyGroup(int keyHash) {
        return Math.floorMod(fmix(keyHash), MAX_PARALLELISM);
    }

    public static int subtask(int keyGroup, int parallelism) {
        return keyGroup * parallelism / MAX_PARALLELISM;
    }

    /** The hash of the value at {@code row}, computed from its bytes (so it depends only on the value and type). */
    static int hash(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return NULL_HASH;
        }
        if (vector instanceof BitVector bits) {
            return bits.get(row) == 0 ? 1237 : 1231;
        }
        if (vector instanceof BaseFixedWidthVector fixed) {
            int width = fixed.getTypeWidth();
            return hashBytes(fixed.getDataBuffer(), (long) row * width, width);
        }
        if (vector instanceof BaseVariableWidthVector variable) {
            long start = variable.getStartOffset(row);
            long end = variable.getOffsetBuffer().getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            return hashBytes(variable.getDataBuffer(), start, (int) (end - start));
        }
        Object value = vector.getObject(row);
        return value == null ? NULL_HASH : value.hashCode();
    }

    private static int hashBytes(ArrowBuf buffer, long start, int length) {
        int h = length;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            h = mix(h, buffer.getInt(start + i));
        }
        int tail = 0;
        for (; i < length; i++) {
            tail = (tail << 8) | (buffer.getByte(start + i) & 0xff);
        }
        return mix(h, tail);
    }

    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
