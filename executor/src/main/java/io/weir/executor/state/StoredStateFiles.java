package io.weir.executor.state;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which files in checkpoint storage a subtask's stored state entries refer to (its backends' handles). */
public final class StoredStateFiles {
    private StoredStateFiles() {
    }

    /**
     * The storage locations the handles among {@code entries} (by key group; handles under
     * {@link KeyedStateBackend#HANDLE} and below) refer to. A handle that cannot be read is an
     * IOException, so that a caller deleting unreferenced files deletes none rather than a needed one.
     */
    public static Set<String> referencedBy(Map<Integer, byte[]> entries) throws IOException {
        Set<String> files = new HashSet<>();
        for (Map.Entry<Integer, byte[]> entry : entries.entrySet()) {
            if (entry.getKey() > KeyedStateBackend.HANDLE) {
                continue;
            }
            try {
                files.addAll(RocksDbHandle.CODEC.decode(entry.getValue()).files().values());
            } catch (RuntimeException e) {
                throw new IOException("unreadable state handle: " + e.getMessage(), e);
            }
        }
        return files;
    }
}
