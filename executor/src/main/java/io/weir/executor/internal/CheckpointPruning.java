package io.weir.executor.internal;

import io.weir.executor.state.CheckpointDirectory;
import io.weir.executor.state.StoredStateFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a job's newest {@code num-retained} checkpoints and deletes the rest, with the state files
 * only they referred to: a file (an incremental RocksDB snapshot's shared SST file or private
 * MANIFEST) goes once no retained checkpoint and no pinned savepoint ({@code pinned/} in the job's
 * folder) refers to it. Only files inside the job's own folder are ever deleted, so a job restored
 * from another job's savepoint never deletes that job's files. A new checkpoint only refers to files
 * its instance still has, and a RocksDB file once compacted away never comes back, so a file no
 * retained checkpoint refers to is not needed by a checkpoint still in flight either. Metadata goes
 * first: a crash in between leaves unreferenced files, never a checkpoint without its files. Files of
 * checkpoints that never completed stay. Called by the checkpoint coordinator, one call at a time.
 */
final class CheckpointPruning {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPruning.class);

    private final CheckpointDirectory jobDir;
    // checkpoint id -> the files it refers to, so that a retained checkpoint is read once
    private final Map<Long, Set<String>> referenced = new HashMap<>();

    CheckpointPruning(CheckpointDirectory jobDir) {
        this.jobDir = jobDir;
    }

    /** Deletes every checkpoint but the newest {@code retained}, and the files none of those needs. */
    void prune(int retained) throws IOException {
        List<Long> ids = CheckpointData.ids(jobDir);
        if (ids.size() <= retained) {
            return;
        }
        List<Long> expired = ids.subList(0, ids.size() - retained);
        Set<String> unneeded = new HashSet<>();
        boolean known = true;
        try {
            for (long id : expired) {
                unneeded.addAll(filesOf(id));
            }
            for (long id : ids.subList(ids.size() - retained, ids.size())) {
                unneeded.removeAll(filesOf(id));
            }
            for (String pin : jobDir.storage().list(jobDir.resolve("pinned"))) {
                unneeded.removeAll(files(CheckpointData.read(jobDir.storage(), jobDir.resolve("pinned", pin))));
            }
        } catch (IOException e) {
            LOG.warn("Checkpoint state files in {} are kept: which ones are needed cannot be told ({})",
                    jobDir.location(), e.getMessage());
            known = false;
        }
        for (long id : expired) {
            jobDir.storage().delete(jobDir.resolve("chk-" + id));
            referenced.remove(id);
        }
        if (!known) {
            return;
        }
        for (String file : unneeded) {
            if (file.startsWith(jobDir.location())) {
                jobDir.storage().delete(file);
            }
        }
        LOG.debug("Pruned checkpoints {} of {} and {} state files", expired, jobDir.location(), unneeded.size());
    }

    private Set<String> filesOf(long id) throws IOException {
        Set<String> files = referenced.get(id);
        if (files == null) {
            files = files(CheckpointData.read(jobDir.storage(), jobDir.resolve("chk-" + id)));
            referenced.put(id, files);
        }
        return files;
    }

    /** The state files checkpoint {@code data} refers to. */
    static Set<String> files(CheckpointData data) throws IOException {
        Set<String> files = new HashSet<>();
        for (Map<Integer, Map<Integer, byte[]>> byVertex : data.states().values()) {
            for (Map<Integer, byte[]> entries : byVertex.values()) {
                files.addAll(StoredStateFiles.referencedBy(entries));
            }
        }
        return files;
    }
}
