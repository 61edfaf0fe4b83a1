package io.weir.executor.cluster;

import io.weir.executor.internal.CheckpointData;
import io.weir.executor.internal.Job;
import io.weir.executor.plan.JobGraph;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoints a job left in its checkpoint storage ({@code state.checkpoints.dir} of its
 * graph), as the executors read them to resume or restore a job; a storage that cannot be read is
 * an IO_ERROR naming the job or the file.
 */
public final class StoredCheckpoints {
    private StoredCheckpoints() {
    }

    /** The newest checkpoint job {@code jobId} completed, if any. */
    public static Optional<CheckpointData> latest(String jobId, JobGraph graph) {
        try {
            return Job.latestCheckpoint(jobId, graph);
        } catch (IOException e) {
            throw unreadable(jobId, e);
        }
    }

    /** The file of the newest checkpoint job {@code jobId} completed, if any. */
    public static Optional<Path> latestFile(String jobId, JobGraph graph) {
        try {
            return CheckpointData.latestFile(Job.checkpointDirectory(graph).resolve(jobId));
        } catch (IOException e) {
            throw unreadable(jobId, e);
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
