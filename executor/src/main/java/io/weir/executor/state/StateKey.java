package io.weir.executor.state;

import java.util.Arrays;

/** A key group and a key's bytes, as a hash map key of the heap backend. Immutable. */
record StateKey(int keyGroup, byte[] key, int hash) {
    static StateKey of(int keyGroup, byte[] key) {
        // not Arrays.hashCode: see ByteHashes
        return new StateKey(keyGroup, key, 31 * keyGroup + ByteHashes.hash(key, key.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateKey k && k.keyGroup == keyGroup && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
