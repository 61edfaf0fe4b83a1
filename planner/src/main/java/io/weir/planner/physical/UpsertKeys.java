package io.weir.planner.physical;

import io.weir.executor.ConnectorRegistry;
import io.weir.planner.catalog.TableDefinition;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.type.RowType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns by which an INSERT's rows are hash-partitioned before the sink: the sink table's
 * PRIMARY KEY when its connector takes a changelog by that key (an upsert sink such as jdbc), so
 * that every change of one key reaches the same writer in order; none otherwise. Stateless.
 */
final class UpsertKeys {
    private UpsertKeys() {
    }

    static List<Integer> of(ConnectorRegistry connectors, TableDefinition target, RowType sinkType) {
        if (target.primaryKey().isEmpty()) {
            return List.of();
        }
        Map<String, String> options = new HashMap<>(target.options());
        options.putIfAbsent("connector", target.connector());
        var context = connectors.context(target.name(), sinkType, options, target.partitionKeys(), List.of(),
                target.primaryKey());
        if (connectors.get(target.connector()).sinkChangelogMode(context) != ChangelogMode.ALL) {
            return List.of();
        }
        return target.primaryKey().stream().map(sinkType::indexOf).toList();
    }
}
