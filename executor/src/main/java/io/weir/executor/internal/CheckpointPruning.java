package io.weir.executor.internal;

import io.weir.executor.state.CheckpointDirectory;
import io.weir.executor.state.StoredStateFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * first: a crash in between leaves unreferenced files, never a checkpoint without its files.
 *
 * <p>Files of checkpoints that never complete: their private files ({@code private/<instance>-chk-<n>-…})
 * go when the checkpoint is aborted ({@link #deleteAborted}), and those an upload still finishing
 * then left with the next pruning; their new shared SST files stay, since the instance that uploaded
 * them refers to them from its next snapshot on. When an execution of the job starts, before its
 * subtasks upload anything, {@link #deleteUnreferenced} deletes every state file no stored checkpoint
 * or pinned savepoint refers to (what the failed execution's checkpoints in flight uploaded).
 * Thread-safe: the checkpoint coordinator prunes on the thread that completes a checkpoint and
 * deletes aborted checkpoints' files on its timer.
 */
final class CheckpointPruning {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPruning.class);
    private static final Pattern PRIVATE_FILE = Pattern.compile(".+-chk-(\\d+)-.+");
    private static final List<String> STATE_FOLDERS = List.of("shared", "private");

    private final CheckpointDirectory jobDir;
    // checkpoint id -> the files it refers to, so that a retained checkpoint is read once
    private final Map<Long, Set<String>> referenced = new HashMap<>();

    CheckpointPruning(CheckpointDirectory jobDir) {
        this.jobDir = jobDir;
    }

    /**
     * Deletes every checkpoint but the newest {@code retained}, and the files none of those needs;
     * then the private files of checkpoints below {@code abortedBelow} that no retained checkpoint or
     * pinned savepoint refers to (checkpoints below it that are not stored never will be; 0: none to
     * look for).
     */
    synchronized void prune(int retained, long abortedBelow) throws IOException {
        List<Long> ids = CheckpointData.ids(jobDir);
        List<Long> expired = ids.subList(0, Math.max(0, ids.size() - retained));
        if (expired.isEmpty() && abortedBelow <= 0) {
            return;
        }
        Set<String> needed = new HashSet<>();
        Set<String> unneeded = new HashSet<>();
        boolean known = true;
        try {
            for (long id : ids.subList(expired.size(), ids.size())) {
                needed.addAll(filesOf(id));
            }
            needed.addAll(pinnedFiles());
            for (long id : expired) {
                unneeded.addAll(filesOf(id));
            }
            unneeded.removeAll(needed);
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
        int leftovers = abortedBelow <= 0 ? 0 : deletePrivate(id -> id < abortedBelow, needed);
        LOG.debug("Pruned checkpoints {} of {}, {} state files and {} left by aborted checkpoints", expired,
                jobDir.location(), unneeded.size(), leftovers);
    }

    /**
     * Deletes the private files uploaded so far for checkpoint {@code checkpointId}, which will not
     * complete (it expired, was subsumed or could not be stored). Its new shared SST files stay (see
     * the class comment).
     */
    synchronized void deleteAborted(long checkpointId) {
        try {
            deletePrivate(id -> id == checkpointId, Set.of());
        } catch (IOException e) {
            LOG.warn("Files of aborted checkpoint {} in {} stay: {}", checkpointId, jobDir.location(), e.getMessage());
        }
    }

    /**
     * Deletes every file of the job's {@code shared/} and {@code private/} folders that no stored
     * checkpoint and no pinned savepoint refers to. Only while no subtask of the job uploads: when an
     * execution starts, before it is deployed. Keeps everything when a checkpoint cannot be read.
     */
    synchronized void deleteUnreferenced() {
        try {
            Set<String> needed = new HashSet<>(pinnedFiles());
            for (long id : CheckpointData.ids(jobDir)) {
                needed.addAll(filesOf(id));
            }
            int deleted = 0;
            for (String folder : STATE_FOLDERS) {
                for (String name : jobDir.storage().list(jobDir.resolve(folder))) {
                    String file = jobDir.resolve(folder, name);
                    if (!needed.contains(file)) {
                        jobDir.storage().delete(file);
                        deleted++;
                    }
                }
            }
            if (deleted > 0) {
                LOG.info("Deleted {} state files in {} that no completed checkpoint refers to (uploaded for checkpoints "
                        + "that never completed)", deleted, jobDir.location());
            }
        } catch (IOException e) {
            LOG.warn("State files of unfinished checkpoints in {} stay: which ones are needed cannot be told ({})",
                    jobDir.location(), e.getMessage());
        }
    }

    /** Deletes the private files of the checkpoints {@code aborted} accepts, except {@code needed}; returns how many. */
    private int deletePrivate(LongPredicate aborted, Set<String> needed) throws IOException {
        int deleted = 0;
        for (String name : jobDir.storage().list(jobDir.resolve("private"))) {
            Matcher matcher = PRIVATE_FILE.matcher(name);
            String file = jobDir.resolve("private", name);
            if (matcher.matches() && aborted.test(Long.parseLong(matcher.group(1))) && !needed.contains(file)) {
                jobDir.storage().delete(file);
                deleted++;
            }
        }
        return deleted;
    }

    /** The files the savepoints pinned in the job's folder refer to. */
    private Set<String> pinnedFiles() throws IOException {
        Set<String> files = new HashSet<>();
        for (String pin : jobDir.storage().list(jobDir.resolve("pinned"))) {
            files.addAll(files(CheckpointData.read(jobDir.storage(), jobDir.resolve("pinned", pin))));
        }
        return files;
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
