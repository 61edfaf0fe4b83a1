package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.JoinSpec.JoinType;

/**
 * An event-time temporal join, as Flink's ({@code o JOIN r FOR SYSTEM_TIME AS OF o.rowtime ON o.k = r.k}):
 * input 0 is the probe side, insert-only; input 1 the versioned table, a changelog or inserts, whose
 * primary key is among the join's build keys and whose rows are versions valid from their time
 * attribute {@code versionTime} on. Each probe row at time {@code t} meets the version of its key
 * that was valid at {@code t} (the latest one at or before {@code t}; none when that one is a
 * delete), once the watermark (the minimum of both inputs) reaches {@code t}: then it leaves joined
 * when the residual condition {@code join.condition()} holds for that version, padded with NULLs
 * when the join is LEFT and it does not, and not at all otherwise. The output is insert-only: the
 * probe columns, then the versioned table's.
 *
 * <p>A probe row at or behind the watermark (or with a NULL time) is late: it is dropped and counted
 * in the vertex's late-row metric, and so is a version without time or key. A version at or behind
 * the watermark still replaces older ones for the probe rows still to come; versions older than the
 * one valid at the watermark are freed.
 *
 * @param join the equi keys (probe columns, versioned table columns), the residual condition and the
 *     type, INNER or LEFT
 * @param probeTime the probe input's time attribute column
 * @param versionTime the versioned input's time attribute column
 */
public record TemporalJoinSpec(JoinSpec join, int probeTime, int versionTime) implements OperatorSpec {
    public TemporalJoinSpec {
        requireNonNull(join, "join is null");
        if (join.joinType() != JoinType.INNER && join.joinType() != JoinType.LEFT) {
            throw new IllegalArgumentException("a temporal join is INNER or LEFT, not " + join.joinType());
        }
        if (join.leftKeys().isEmpty()) {
            throw new IllegalArgumentException("a temporal join needs at least one equi key");
        }
    }

    @Override
    public String describe() {
        return "Temporal" + join.describe() + " as of $" + probeTime + ", versions by right.$" + versionTime;
    }
}
