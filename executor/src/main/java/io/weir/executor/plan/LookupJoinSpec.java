package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Map;

/**
 * A processing-time lookup join ({@code JOIN t FOR SYSTEM_TIME AS OF probe.proc_time ON probe.k = t.k}):
 * for each row of its single (probe) input, the rows of table {@code tableName} whose columns
 * {@code lookupKeys} equal the probe row's columns {@code probeKeys}, asked of the table's connector
 * through its {@code LookupSource}. Emits the probe columns followed by every column of
 * {@code tableSchema}, one row per match; with {@code leftOuter}, a probe row without a match (or
 * with a null key) once with nulls for the table's columns. Conditions beyond the key equalities
 * are the planner's: a Calc after this vertex. A changelog in (the probe's row kind last) is a
 * changelog out, each change looked up and emitted with its kind; stateless.
 *
 * @param options the table's {@code WITH} options (the connector's cache settings among them)
 * @param tableSchema the table's physical columns, as the lookup source returns them
 */
public record LookupJoinSpec(String tableName, String connector, Map<String, String> options, RowType tableSchema,
        List<Integer> probeKeys, List<String> lookupKeys, boolean leftOuter) implements OperatorSpec {
    public LookupJoinSpec {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(connector, "connector is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(tableSchema, "tableSchema is null");
        probeKeys = List.copyOf(requireNonNull(probeKeys, "probeKeys is null"));
        lookupKeys = List.copyOf(requireNonNull(lookupKeys, "lookupKeys is null"));
        if (probeKeys.isEmpty() || probeKeys.size() != lookupKeys.size()) {
            throw new IllegalArgumentException("a lookup join needs as many probe keys as lookup keys, at least one");
        }
    }

    @Override
    public String describe() {
        return "LookupJoin(table=" + tableName + ", joinType=" + (leftOuter ? "LeftOuterJoin" : "InnerJoin")
                + ", lookup=" + lookupKeys + ", probeKeys=" + probeKeys + ")";
    }
}
