package io.weir.executor.state;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint stores for one subtask's RocksDB instance: every file of the instance's RocksDB
 * checkpoint by its local name, each at its place in checkpoint storage (SST files in the shared
 * folder, where later checkpoints refer to them again; the small MANIFEST, CURRENT and OPTIONS
 * files under the checkpoint's private folder), the column families, and the key groups the
 * instance held. Immutable.
 *
 * @param files local file name to its stored path
 * @param uploadedBytes bytes this checkpoint copied to storage (the files earlier ones had are not copied)
 * @param totalBytes bytes of every file the instance's state needs
 */
record RocksDbHandle(Map<String, String> files, List<String> columnFamilies, int firstKeyGroup, int lastKeyGroup,
        long uploadedBytes, long totalBytes) implements Serializable {
    static final StateCodec<RocksDbHandle> CODEC = StateCodec.java();

    RocksDbHandle {
        files = Map.copyOf(files);
        columnFamilies = List.copyOf(columnFamilies);
    }

    boolean overlaps(int first, int last) {
        return firstKeyGroup <= last && first <= lastKeyGroup;
    }
}
