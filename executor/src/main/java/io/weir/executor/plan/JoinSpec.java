package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A hash join of input 0 (left) and input 1 (right) over bounded input: rows match when every pair of
 * equi keys is equal (NULL never equals NULL, unless the key is null-safe: {@code IS NOT DISTINCT FROM})
 * and the residual condition, evaluated over the concatenated row (left columns, then right columns),
 * is TRUE. Both inputs are HASH-exchanged on their keys; without keys (a cross join with a condition)
 * the vertex runs at parallelism 1.
 *
 * <p>Output columns: the left columns then the right columns; an outer join pads the missing side with
 * NULLs. SEMI and ANTI joins emit the left columns only.
 *
 * @param nullSafe per key pair: whether NULL matches NULL
 * @param condition the residual condition, or null when the keys say everything
 */
public record JoinSpec(JoinType joinType, List<Integer> leftKeys, List<Integer> rightKeys, List<Boolean> nullSafe,
        Expr condition) implements OperatorSpec {
    public JoinSpec {
        requireNonNull(joinType, "joinType is null");
        leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
        rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
        nullSafe = List.copyOf(requireNonNull(nullSafe, "nullSafe is null"));
        if (leftKeys.size() != rightKeys.size() || leftKeys.size() != nullSafe.size()) {
            throw new IllegalArgumentException("join key lists differ in length: " + leftKeys + ", " + rightKeys);
        }
    }

    /** A join without null-safe keys. */
    public JoinSpec(JoinType joinType, List<Integer> leftKeys, List<Integer> rightKeys, Expr condition) {
        this(joinType, leftKeys, rightKeys, leftKeys.stream().map(k -> false).toList(), condition);
    }

    /** Which rows a join keeps. */
    public enum JoinType {
        INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

        /** Whether unmatched left rows are emitted padded with NULLs. */
        public boolean padsLeft() {
            return this == LEFT || this == FULL;
        }

        /** Whether unmatched right rows are emitted padded with NULLs. */
        public boolean padsRight() {
            return this == RIGHT || this == FULL;
        }

        /** Whether the output has the right input's columns. */
        public boolean projectsRight() {
            return this != SEMI && this != ANTI;
        }
    }

    @Override
    public String describe() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < leftKeys.size(); i++) {
            keys.append(i == 0 ? "" : ", ").append('$').append(leftKeys.get(i))
                    .append(nullSafe.get(i) ? " <=> " : " = ").append("right.$").append(rightKeys.get(i));
        }
        return "Join(type=" + joinType + ", on=[" + keys + "]" + (condition == null ? "" : ", where " + condition) + ")";
    }
}
