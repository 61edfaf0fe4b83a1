package io.weir.executor.state;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental snapshots of a {@link RocksDbStateBackend}, and restores from them. At a barrier
 * (synchronously, on the subtask thread) RocksDB writes a checkpoint of the instance: hard links to
 * its SST files plus fresh MANIFEST, CURRENT and OPTIONS files. A background thread then copies to
 * checkpoint storage only the SST files no earlier snapshot of this instance copied (into the job's
 * {@code shared/} folder; SST files never change, so the stored copy stays valid) and the small files
 * (as {@code private/<instance>-chk-<n>-<name>}, named by the checkpoint so that the coordinator finds
 * those of a checkpoint that never completed); the subtask acknowledges the checkpoint when the copy is
 * done. Checkpoint storage is any {@link io.weir.spi.checkpoint.CheckpointStorage} (a local folder,
 * {@code s3://}); each file is stored atomically under a name no other file gets. A restore at the
 * same key groups links (local storage) or downloads the stored files into a new working folder and
 * opens it; at other key groups it opens each former instance that held some of this subtask's key
 * groups and copies those key groups' entries of every column family. The checkpoint coordinator
 * deletes a stored file once no retained checkpoint or pinned savepoint refers to it.
 */
final class RocksDbSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbSnapshots.class);

    private final Path workingDirectory;
    private final CheckpointDirectory checkpointDirectory;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService uploader;
    // local SST file name -> where a snapshot of this instance stored it
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private volatile RocksDbHandle lastHandle;

    RocksDbSnapshots(Path workingDirectory, CheckpointDirectory checkpointDirectory) {
        this.workingDirectory = workingDirectory;
        this.checkpointDirectory = checkpointDirectory;
        this.uploader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "weir-state-upload-" + workingDirectory.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The handle of the newest snapshot (for measurements and tests). */
    RocksDbHandle lastHandle() {
        return lastHandle;
    }

    StateSnapshot snapshot(RocksDbStateBackend backend, long checkpointId) {
        Path local = workingDirectory.resolveSibling(workingDirectory.getFileName() + "-chk-" + checkpointId);
        Map<String, String> files = new HashMap<>();
        Map<Path, String> copies = new HashMap<>();
        long uploadedBytes = 0;
        long totalBytes = 0;
        try {
            deleteTree(local);
            try (Checkpoint checkpoint = Checkpoint.create(backend.db())) {
                checkpoint.createCheckpoint(local.toString());
            }
            String own = instanceId + "-chk-" + checkpointId;
            try (Stream<Path> listing = Files.list(local)) {
                for (Path file : listing.toList()) {
                    String name = file.getFileName().toString();
                    long size = Files.size(file);
                    totalBytes += size;
                    String target = name.endsWith(".sst") ? stored.get(name) : null;
                    if (target == null) {
                        target = name.endsWith(".sst") ? checkpointDirectory.resolve("shared", instanceId + "-" + name)
                                : checkpointDirectory.resolve("private", own + "-" + name);
                        copies.put(file, target);
                        uploadedBytes += size;
                    }
                    files.put(name, target);
                }
            }
        } catch (RocksDBException | IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot snapshot RocksDB state of " + workingDirectory + ": "
                    + e.getMessage(), e);
        }
        RocksDbHandle handle = new RocksDbHandle(files, new ArrayList<>(backend.families().keySet()),
                backend.firstKeyGroup(), backend.lastKeyGroup(), uploadedBytes, totalBytes);
        lastHandle = handle;
        CompletableFuture<Void> uploaded = CompletableFuture.runAsync(() -> upload(local, copies), uploader);
        return new StateSnapshot(Map.of(KeyedStateBackend.HANDLE, RocksDbHandle.CODEC.encode(handle)), uploaded);
    }

    private void upload(Path local, Map<Path, String> copies) {
        try {
            for (Map.Entry<Path, String> copy : copies.entrySet()) {
                checkpointDirectory.storage().upload(copy.getKey(), copy.getValue());
                String name = copy.getKey().getFileName().toString();
                if (name.endsWith(".sst")) {
                    stored.put(name, copy.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("uploading RocksDB state to " + checkpointDirectory.location() + " failed", e);
        } finally {
            // also when the upload failed (a cancelled job's checkpoint folder may be gone): the local copy is of no use
            deleteQuietly(local);
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            LOG.warn("Cannot delete the local copy of a RocksDB checkpoint {}: {}", tree, e.getMessage());
        }
    }

    void restore(RocksDbStateBackend backend, List<RocksDbHandle> handles) {
        if (handles.isEmpty()) {
            return;
        }
        try {
            RocksDbHandle only = handles.get(0);
            if (handles.size() == 1 && only.firstKeyGroup() == backend.firstKeyGroup()
                    && only.lastKeyGroup() == backend.lastKeyGroup()) {
                backend.closeDb();
                deleteTree(workingDirectory);
                materialize(only, workingDirectory);
                backend.open(workingDirectory, only.columnFamilies());
                only.files().forEach((name, path) -> {
                    if (name.endsWith(".sst")) {
                        stored.put(name, path);
                    }
                });
                return;
            }
            int index = 0;
            for (RocksDbHandle handle : handles) {
                if (handle.overlaps(backend.firstKeyGroup(), backend.lastKeyGroup())) {
                    Path temp = workingDirectory.resolveSibling(workingDirectory.getFileName() + "-restore-" + index++);
                    deleteTree(temp);
                    materialize(handle, temp);
                    copyKeyGroups(backend, handle, temp);
                    deleteTree(temp);
                }
            }
        } catch (IOException | RocksDBException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot restore RocksDB state into " + workingDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Links the stored SST files of local storage into {@code directory} (copies where links cannot
     * be made) and downloads the rest. A handle's files may be in another storage than this job's
     * (a savepoint of another job), so each location finds its own by its scheme.
     */
    private void materialize(RocksDbHandle handle, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, String> file : handle.files().entrySet()) {
            String from = file.getValue();
            io.weir.spi.checkpoint.CheckpointStorage storage = storageOf(from);
            Path to = directory.resolve(file.getKey());
            java.util.Optional<Path> local = storage.localFile(from);
            if (local.isPresent() && !Files.exists(local.get())) {
                throw new IOException("checkpoint file " + from + " is missing");
            }
            if (local.isPresent() && file.getKey().endsWith(".sst")) {
                try {
                    Files.createLink(to, local.get());
                    continue;
                } catch (FileSystemException | UnsupportedOperationException e) {
                    // another file system: copy instead
                }
            }
            try {
                storage.download(from, to);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException("checkpoint file " + from + " is missing", e);
            }
        }
    }

    private io.weir.spi.checkpoint.CheckpointStorage storageOf(String location) {
        boolean uri = location.indexOf("://") > 1;
        boolean ownUri = checkpointDirectory.location().indexOf("://") > 1;
        if (uri == ownUri && (!uri || location.regionMatches(0, checkpointDirectory.location(), 0,
                location.indexOf("://")))) {
            return checkpointDirectory.storage();
        }
        return io.weir.executor.internal.CheckpointStorages.of(location, Map.of());
    }

    /** Copies the key groups the backend owns from the former instance in {@code directory}. */
    private static void copyKeyGroups(RocksDbStateBackend backend, RocksDbHandle handle, Path directory)
            throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        List<String> names = handle.columnFamilies().stream().filter(n -> !n.equals("default")).toList();
        for (String name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        int first = Math.max(handle.firstKeyGroup(), backend.firstKeyGroup());
        int last = Math.min(handle.lastKeyGroup(), backend.lastKeyGroup());
        try (DBOptions options = new DBOptions();
                RocksDB former = RocksDB.openReadOnly(options, directory.toString(), descriptors, handles)) {
            try {
                for (int i = 0; i < names.size(); i++) {
                    ColumnFamilyHandle target = backend.families().get(names.get(i));
                    if (target == null) {
                        target = backend.db().createColumnFamily(new ColumnFamilyDescriptor(
                                names.get(i).getBytes(StandardCharsets.UTF_8), backend.familyOptions()));
                        backend.families().put(names.get(i), target);
                    }
                    copyFamily(former, handles.get(i + 1), backend, target, first, last);
                }
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private static void copyFamily(RocksDB former, ColumnFamilyHandle from, RocksDbStateBackend backend,
            ColumnFamilyHandle to, int first, int last) throws RocksDBException {
        try (RocksIterator it = former.newIterator(from); WriteBatch batch = new WriteBatch()) {
            for (int g = first; g <= last; g++) {
                byte[] prefix = RocksDbStateBackend.groupPrefix(g);
                for (it.seek(prefix); it.isValid() && RocksDbStateBackend.startsWith(it.key(), prefix); it.next()) {
                    batch.put(to, it.key(), it.value());
                    if (batch.count() >= 10_000) {
                        backend.db().write(backend.writeOptions(), batch);
                        batch.clear();
                    }
                }
            }
            backend.db().write(backend.writeOptions(), batch);
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Lets a running upload finish (its checkpoint may still complete) and waits for it, so that
     * nothing writes into checkpoint storage for this instance once its task has ended.
     */
    @Override
    public void close() {
        uploader.shutdown();
        try {
            if (!uploader.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("An upload of RocksDB state from {} is still running after 30 s", workingDirectory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deleteTree(workingDirectory);
        } catch (IOException e) {
            LOG.warn("Cannot delete RocksDB working folder {}: {}", workingDirectory, e.getMessage());
        }
        // local copies of snapshots whose upload never ran (the backend closed while a checkpoint was taken)
        String copyPrefix = workingDirectory.getFileName() + "-chk-";
        try (Stream<Path> siblings = Files.list(workingDirectory.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(copyPrefix)).forEach(RocksDbSnapshots::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Cannot list the RocksDB folders beside {}: {}", workingDirectory, e.getMessage());
        }
    }
}
