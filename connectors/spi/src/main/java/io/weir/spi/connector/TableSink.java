package io.weir.spi.connector;

import java.util.List;

/**
 * The writable side of a table, with two-phase commit: writers stage output and hand back
 * {@link Committable}s; the job makes them visible with {@link #commit} once every writer has
 * staged (at the end of a bounded job now, at each completed checkpoint later).
 */
public interface TableSink {
    /** Creates the writer of one parallel subtask; called on that subtask's thread. */
    SinkWriter createWriter(SinkContext context);

    /**
     * Makes staged output visible. Called once per commit point on the coordinator with every
     * writer's committables. Must be idempotent: it may be called again with the same committables
     * after a failure. No effect by default (sinks whose writes are visible at once).
     */
    default void commit(List<Committable> committables) {
    }

    /**
     * Whether the writers take a changelog: batches whose last column is the row kind (see
     * {@link io.weir.spi.batch.RowKind}) after the table's columns. Asked once per job when the
     * sink is created; the planner has already checked {@link TableFactory#changelogMode}, so this
     * is a consistency check. False by default: the writers get insert-only batches of exactly the
     * table's columns.
     */
    default boolean acceptsChangelog() {
        return false;
    }

    /** Removes staged output that will never be committed (the job failed or was cancelled). No effect by default. */
    default void abort(List<Committable> committables) {
    }
}
