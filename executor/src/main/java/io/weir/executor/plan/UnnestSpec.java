package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import java.util.List;

/**
 * {@code CROSS JOIN UNNEST(c1 [, c2 ...]) [WITH ORDINALITY]} and {@code LEFT JOIN UNNEST(...) ON TRUE}: for
 * each input row, one output row per element of the collections in input columns {@code collections}
 * (zipped when several, the shorter ones padded with NULL, as Calcite's Uncollect), carrying the first
 * {@code keptColumns} input columns in front. An ARRAY gives its element, or the element's fields
 * when the element is a ROW; a MAP one row per entry with key and value; {@code withOrdinality} adds
 * the element's 1-based position (INT NOT NULL) after them. A NULL or empty collection gives no row,
 * or with {@code outer} one row with NULLs for the unnested columns.
 *
 * <p>A changelog in (the input's row kind last) is a changelog out: each output row keeps the kind of
 * the row it came from (a retraction of a row retracts every row it unnested to). Stateless.
 *
 * @param keptColumns how many leading input columns the output keeps (input columns after them and
 *     before the row kind hold computed collections only)
 */
public record UnnestSpec(List<Integer> collections, int keptColumns, boolean withOrdinality, boolean outer)
        implements OperatorSpec {
    public UnnestSpec {
        collections = List.copyOf(requireNonNull(collections, "collections is null"));
        if (collections.isEmpty() || keptColumns < 0) {
            throw new IllegalArgumentException("UNNEST needs at least one collection column");
        }
    }

    /** How many output columns one collection of {@code type} unnests to. */
    public static int width(DataType type) {
        return switch (type.kind()) {
            case MAP -> 2;
            case ARRAY -> {
                DataType element = type.children().get(0).type();
                yield element.kind() == io.weir.spi.type.TypeKind.ROW ? element.children().size() : 1;
            }
            default -> throw new IllegalArgumentException("not a collection: " + type);
        };
    }

    @Override
    public String describe() {
        return "Unnest(collections=" + collections + ", kept=" + keptColumns + (withOrdinality ? ", withOrdinality" : "")
                + ", joinType=" + (outer ? "LeftOuterJoin" : "InnerJoin") + ")";
    }
}
