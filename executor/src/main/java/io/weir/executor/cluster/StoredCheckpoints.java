package io.weir.executor.cluster;

import io.weir.executor.internal.CheckpointData;
import io.weir.executor.internal.Job;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.state.CheckpointDirectory;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoints a job left in its checkpoint storage ({@code state.checkpoints.dir} of its
 * graph: a local folder or {@code s3://}), as the executors read them to resume or restore a job; a
 * storage that cannot be read is an IO_ERROR naming the job or the file.
 */
public final class StoredCheckpoints {
    private StoredCheckpoints() {
    }

    /** The newest checkpoint job {@code jobId} completed, if any. */
    public static Optional<CheckpointData> latest(String jobId, JobGraph graph) {
        try {
            return CheckpointData.latest(Job.checkpointDirectory(jobId, graph));
        } catch (IOException e) {
            throw unreadable(jobId, e);
        }
    }

    /** The location of the newest checkpoint job {@code jobId} completed, if any. */
    public static Optional<String> latestLocation(String jobId, JobGraph graph) {
        try {
            return CheckpointData.latestLocation(Job.checkpointDirectory(jobId, graph));
        } catch (IOException e) {
            throw unreadable(jobId, e);
        }
    }

    /**
     * Keeps the newest checkpoint of job {@code jobId} as savepoint {@code savepoint} (a local file)
     * and pins it in the job's checkpoint folder, so that the state files it refers to are not
     * deleted with the checkpoints that expire; returns the id of the checkpoint kept.
     */
    public static long saveLatest(String jobId, JobGraph graph, Path savepoint) {
        CheckpointDirectory dir = Job.checkpointDirectory(jobId, graph);
        try {
            Optional<String> location = CheckpointData.latestLocation(dir);
            if (location.isEmpty()) {
                throw new IOException("job " + jobId + " has no checkpoint");
            }
            byte[] bytes = dir.storage().read(location.get());
            CheckpointData data = CheckpointData.of(bytes, location.get());
            dir.storage().write(dir.resolve("pinned", savepoint.getFileName().toString()), bytes);
            Files.createDirectories(savepoint.toAbsolutePath().getParent());
            Path temp = savepoint.resolveSibling("." + savepoint.getFileName() + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, savepoint, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return data.id();
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot write savepoint " + savepoint + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint or savepoint stored in {@code file}. */
    public static CheckpointData read(Path file) {
        try {
            return CheckpointData.read(file);
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read savepoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static WeirException unreadable(String jobId, IOException e) {
        return new WeirException(ErrorCode.IO_ERROR, "Cannot read the checkpoints of job " + jobId + ": " + e.getMessage(), e);
    }
}
