package io.weir.spi.connector;

import java.util.List;

/**
 * The writable side of a table, with two-phase commit: writers stage output and hand back
 * {@link Committable}s; the job makes them visible with {@link #commit} once every writer has
 * staged: at each completed checkpoint, and at the end of a bounded job.
 */
public interface TableSink {
    /** What a sink promises about rows of a job that fails and resumes from a checkpoint. */
    enum DeliveryGuarantee {
        /** Every row is visible exactly once: staged output is committed only for completed checkpoints. */
        EXACTLY_ONCE,
        /** No row is lost, but rows written after the last completed checkpoint may be written again. */
        AT_LEAST_ONCE
    }

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

    /**
     * Called once when job {@code jobId} resumes from a checkpoint, before any writer is created and
     * after the committables of that checkpoint have been (re)committed: removes what earlier attempts
     * of the job staged and never committed (a crashed writer's half-written files). No effect by
     * default.
     */
    default void removeUncommitted(String jobId) {
    }

    /** {@link DeliveryGuarantee#AT_LEAST_ONCE} by default; a sink whose {@link #commit} publishes staged output says exactly-once. */
    default DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }
}
