package io.weir.executor.internal;

import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.state.CheckpointDirectory;
import io.weir.spi.checkpoint.CheckpointStorage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** Which operators checkpoints cover, and where a job's checkpoints are stored. */
public final class Checkpointing {
    /** The option that says where checkpoints go ({@code file://…}, a path, or {@code s3://bucket/prefix}). */
    public static final String DIRECTORY_OPTION = "state.checkpoints.dir";

    private Checkpointing() {
    }

    /**
     * Whether checkpoints keep everything an operator of this kind needs to resume: stateless
     * operators, sources, sinks and every streaming operator (GROUP BY, window aggregates of the
     * checkpointed kind, joins, Top-N, OVER, session windows). The batch operators that buffer their
     * input (hash join, rank, sort and aggregate over bounded input) are not covered.
     */
    public static boolean covers(OperatorSpec spec) {
        if (spec instanceof io.weir.executor.plan.SourceSpec source
                && "true".equals(source.options().get("follow"))) {
            // a followed materialized view has no position to resume from
            return false;
        }
        return !(spec instanceof AggregateSpec || spec instanceof JoinSpec || spec instanceof RankSpec
                || spec instanceof SortSpec);
    }

    /** Whether a job graph's config turns checkpoints on. */
    public static boolean enabled(Map<String, String> config) {
        String interval = config.get("execution.checkpointing.interval");
        return interval != null && !interval.isBlank();
    }

    /**
     * The folder of job {@code jobId}'s checkpoints: {@code <state.checkpoints.dir>/<job id>} in the
     * storage of the option's scheme (a path or {@code file://…}: local; {@code s3://bucket/prefix}:
     * S3, configured by the job's {@code state.checkpoints.s3.*} or {@code s3.*} options);
     * {@code checkpoints} under the working directory when unset.
     */
    public static CheckpointDirectory directory(Map<String, String> config, String jobId) {
        String dir = config.getOrDefault(DIRECTORY_OPTION, "checkpoints").trim();
        if (CheckpointStorages.scheme(dir).equals("file")) {
            Path local = Paths.get(dir.startsWith("file://") ? dir.substring("file://".length()) : dir);
            return new CheckpointDirectory(LocalCheckpointStorage.INSTANCE, local.resolve(jobId).toString());
        }
        CheckpointStorage storage = CheckpointStorages.of(dir, config);
        return new CheckpointDirectory(storage, storage.resolve(dir, jobId));
    }
}
