package io.weir.executor.state;

/**
 * A well-spread hash of encoded keys (murmur3-style blocks of four bytes, then a finalizer).
 * {@code Arrays.hashCode(byte[])} is a 31-polynomial: encoded numbers that differ in their last two
 * bytes by (+1, -31) collide, and a hash map of Nexmark prices or ids then degrades into linear scans.
 */
public final class ByteHashes {
    private ByteHashes() {
    }

    /** The hash of {@code bytes[0..length)}. */
    public static int hash(byte[] bytes, int length) {
        int h = 0x9747b28c;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            int k = littleEndianInt(bytes, i) * 0xcc9e2d51;
            h ^= Integer.rotateLeft(k, 15) * 0x1b873593;
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        for (; i < length; i++) {
            h = h * 31 + bytes[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** The four bytes at {@code at}, least significant first. */
    public static int littleEndianInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }
}
