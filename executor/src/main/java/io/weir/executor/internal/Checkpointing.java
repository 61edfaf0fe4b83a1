package io.weir.executor.internal;

import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.OperatorSpec;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.RankSpec;
import io.weir.executor.plan.SessionAssignSpec;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.plan.StreamingRankSpec;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** Which operators checkpoints cover, and where a job's checkpoints are stored. */
final class Checkpointing {
    /** The option that says where checkpoints go ({@code file://…} or a path). */
    static final String DIRECTORY_OPTION = "state.checkpoints.dir";

    private Checkpointing() {
    }

    /**
     * Whether checkpoints keep everything an operator of this kind needs to resume: stateless
     * operators, sources, sinks, the streaming GROUP BY and window aggregates (the checkpointed kind).
     * Joins, ranks, OVER and session windows, sorts and batch aggregates keep state that checkpoints
     * do not cover yet.
     */
    static boolean covers(OperatorSpec spec) {
        if (spec instanceof io.weir.executor.plan.SourceSpec source
                && "true".equals(source.options().get("follow"))) {
            // a followed materialized view has no position to resume from
            return false;
        }
        return !(spec instanceof AggregateSpec || spec instanceof JoinSpec || spec instanceof StreamingJoinSpec || spec instanceof RankSpec
                || spec instanceof StreamingRankSpec || spec instanceof OverAggregateSpec
                || spec instanceof SessionAssignSpec || spec instanceof SortSpec);
    }

    /** Whether a job graph's config turns checkpoints on. */
    static boolean enabled(Map<String, String> config) {
        String interval = config.get("execution.checkpointing.interval");
        return interval != null && !interval.isBlank();
    }

    /** The checkpoint directory of a job graph's config; {@code checkpoints} under the working directory when unset. */
    static Path directory(Map<String, String> config) {
        String dir = config.getOrDefault(DIRECTORY_OPTION, "checkpoints");
        return Paths.get(dir.startsWith("file://") ? dir.substring("file://".length()) : dir);
    }
}
