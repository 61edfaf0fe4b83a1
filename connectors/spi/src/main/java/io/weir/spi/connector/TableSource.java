package io.weir.spi.connector;

import java.util.List;

/**
 * The readable side of a table. The executor asks it for splits once per job, then creates one
 * {@link SourceReader} per split inside the subtask the split is assigned to.
 */
public interface TableSource {
    /** True when the input ends (a file, {@code number-of-rows}); a job over bounded sources finishes. */
    boolean isBounded();

    /**
     * Divides the input into independently readable splits. Called once per job run, on the
     * planning thread; {@code parallelism} is a hint (return fewer splits when the input is small).
     */
    List<SourceSplit> planSplits(int parallelism);

    /**
     * Whether the source reads the columns of its context's schema by name, so that the planner may
     * create it with only the columns a query uses (projection push-down, as Flink's
     * SupportsProjectionPushDown): a generator or a columnar format then skips the others. False by
     * default: the source is given every physical column, in order (a CSV file is read by position).
     */
    default boolean supportsProjection() {
        return false;
    }

    /** Opens a reader for one split; called on the subtask's thread, which then owns the reader. */
    SourceReader createReader(SourceSplit split, ReaderContext context);
}
