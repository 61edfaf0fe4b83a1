package io.weir.executor.operator;

import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.StateCodec;
import java.util.Arrays;

/**
 * A row as a key of keyed map state: its values (in {@link RetractableAccumulators#hashable} form)
 * with a well-mixed hash. A {@code List} key hashes as a 31-polynomial of its values, under which
 * rows of small numbers collide by the thousand (Nexmark's bids of one price: (auction + 1, bidder
 * - 31) hashes as (auction, bidder)); the heap backend's hash maps then degrade into linear scans.
 * Stored in the same bytes as the list of its values, so checkpoints are unchanged. Immutable.
 */
final class StoredRow {
    /** The row as {@link KeyCodec} writes the list of its values. */
    static final StateCodec<StoredRow> CODEC = new StateCodec<>() {
        @Override
        public byte[] encode(StoredRow row) {
            return KeyCodec.INSTANCE.encode(Arrays.asList(row.values));
        }

        @Override
        public StoredRow decode(byte[] bytes) {
            return new StoredRow(KeyCodec.INSTANCE.decode(bytes).toArray());
        }
    };

    private final Object[] values;
    private final int hash;

    private StoredRow(Object[] values) {
        this.values = values;
        int h = values.length;
        for (Object value : values) {
            h = h * 0x9E3779B1 + (value == null ? 0 : value.hashCode());
        }
        // murmur3's finalizer: every input bit reaches every output bit
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        this.hash = h ^ (h >>> 16);
    }

    /** The row of {@code values} (Java values as read from a batch). */
    static StoredRow of(Object[] values) {
        Object[] hashable = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            hashable[i] = RetractableAccumulators.hashable(values[i]);
        }
        return new StoredRow(hashable);
    }

    /** A copy of the values. */
    Object[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRow row && row.hash == hash && Arrays.equals(row.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
