package io.weir.executor.internal;

import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SortSpec;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** Which operators checkpoints cover, and where a job's checkpoints are stored. */
public final class Checkpointing {
    /** The option that says where checkpoints go ({@code file://…} or a path). */
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

    /** The checkpoint directory of a job graph's config; {@code checkpoints} under the working directory when unset. */
    public static Path directory(Map<String, String> config) {
        String dir = config.getOrDefault(DIRECTORY_OPTION, "checkpoints");
        return Paths.get(dir.startsWith("file://") ? dir.substring("file://".length()) : dir);
    }
}
