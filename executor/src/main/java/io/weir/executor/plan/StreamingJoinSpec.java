package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

/**
 * A regular join in streaming mode, as Flink's StreamingJoinOperator: each side keeps its rows in
 * state by join key, and every input change is joined at once with the other side's current rows,
 * so the output is a changelog of the join of everything seen so far. Inputs may be changelogs
 * ({@code $row_kind} last); retractions retract the joined rows they produced. Outer joins pad
 * unmatched rows with NULLs and retract the padded row when the first match arrives (and emit it
 * again when the last match goes); SEMI and ANTI joins emit or retract the left row as its number
 * of matches leaves or reaches zero.
 *
 * <p>Output columns: as {@link JoinSpec}, then {@code $row_kind} when {@code changelogOutput}
 * (whenever an input is a changelog or the join is outer or ANTI: those emit retractions). With a
 * state TTL each stored row expires on its own, a TTL after it was last written (its copy count or
 * match count changed), and later rows no longer join with it.
 *
 * <p>{@code stateTtlMillis}: {@code 'table.exec.state.ttl'}; when positive, a key's state that was
 * not written for that long (processing time) is forgotten, as in Flink; 0 keeps state forever.
 */
public record StreamingJoinSpec(JoinSpec join, boolean leftChangelog, boolean rightChangelog, boolean changelogOutput,
        long stateTtlMillis) implements OperatorSpec {
    public StreamingJoinSpec {
        requireNonNull(join, "join is null");
        StateTtls.check(stateTtlMillis);
    }

    /** Without a state TTL. */
    public StreamingJoinSpec(JoinSpec join, boolean leftChangelog, boolean rightChangelog, boolean changelogOutput) {
        this(join, leftChangelog, rightChangelog, changelogOutput, 0);
    }

    public StreamingJoinSpec withStateTtl(long millis) {
        return new StreamingJoinSpec(join, leftChangelog, rightChangelog, changelogOutput, millis);
    }

    /** Whether joining inputs of these kinds with {@code join}'s type produces retractions. */
    public static boolean producesChangelog(JoinSpec join, boolean leftChangelog, boolean rightChangelog) {
        JoinSpec.JoinType type = join.joinType();
        return leftChangelog || rightChangelog || type.padsLeft() || type.padsRight() || type == JoinSpec.JoinType.ANTI;
    }

    @Override
    public String describe() {
        return "Streaming" + join.describe() + (changelogOutput ? " [changelog]" : "")
                + (stateTtlMillis > 0 ? " [stateTtl=" + stateTtlMillis + " ms]" : "");
    }
}
