package io.weir.executor;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The connectors this process knows, by their {@code 'connector'} identifier. Immutable and
 * thread-safe.
 */
public final class ConnectorRegistry {
    private final Map<String, TableFactory> factories;

    private ConnectorRegistry(Map<String, TableFactory> factories) {
        this.factories = factories;
    }

    /** Every {@link TableFactory} that {@link ServiceLoader} finds through the context class loader. */
    public static ConnectorRegistry loadInstalled() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ConnectorRegistry.class.getClassLoader();
        }
        List<TableFactory> found = new ArrayList<>();
        ServiceLoader.load(TableFactory.class, loader).forEach(found::add);
        // the table behind materialized views: internal, one per registry (per server), which owns the views' rows
        found.add(new io.weir.executor.view.MaterializedViewConnector());
        return of(found);
    }

    /** The materialized views' connector of this registry. */
    public io.weir.executor.view.MaterializedViewConnector materializedViews() {
        TableFactory factory = factories.get(io.weir.executor.view.MaterializedViewConnector.IDENTIFIER);
        if (!(factory instanceof io.weir.executor.view.MaterializedViewConnector views)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "This server has no materialized views");
        }
        return views;
    }

    public static ConnectorRegistry of(List<TableFactory> factories) {
        Map<String, TableFactory> byId = new TreeMap<>();
        for (TableFactory factory : requireNonNull(factories, "factories is null")) {
            TableFactory previous = byId.put(factory.identifier(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new IllegalArgumentException("two connectors named '" + factory.identifier() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return new ConnectorRegistry(byId);
    }

    /**
     * The factory for {@code identifier}.
     *
     * @throws WeirException INVALID_OPTION naming the available connectors when there is none
     */
    public TableFactory get(String identifier) {
        TableFactory factory = factories.get(identifier);
        if (factory == null) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Unknown connector '" + identifier
                    + "'; available connectors: " + String.join(", ", factories.keySet()));
        }
        return factory;
    }

    /** The identifiers, sorted. */
    public List<String> identifiers() {
        return List.copyOf(factories.keySet());
    }

    private static final String WATERMARK_PREFIX = "scan.watermark.";
    private static final List<ConfigOption<?>> WATERMARK_OPTIONS = List.of(
            ConfigOption.enumeration("scan.watermark.emit.strategy", "on-periodic",
                    "when watermarks are emitted: after every row, or every pipeline.auto-watermark-interval",
                    "on-event", "on-periodic"),
            ConfigOption.duration("scan.watermark.idle-timeout", null,
                    "after how long without rows a source split stops holding the watermark back"));

    /**
     * {@code 'scan.parallelism'}, as in Flink 1.19+: how many subtasks read the table, whatever the
     * job's {@code parallelism.default}. The engine sets it for every source, so no connector sees it.
     */
    private static final int MAX_SCAN_PARALLELISM = 32_768;
    public static final ConfigOption<Long> SCAN_PARALLELISM = ConfigOption.longValue("scan.parallelism", null, 1,
            "how many subtasks read the table (default: the job's parallelism.default)");

    /** The table's {@code 'scan.parallelism'} (already validated by {@link #context}), or {@code orElse}. */
    public static int scanParallelism(String tableName, Map<String, String> options, int orElse) {
        String value = options.get(SCAN_PARALLELISM.key());
        if (value == null) {
            return orElse;
        }
        long parallelism = SCAN_PARALLELISM.parse(tableName, SCAN_PARALLELISM.key(), value);
        if (parallelism > MAX_SCAN_PARALLELISM) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + value + "' for option '"
                    + SCAN_PARALLELISM.key() + "' of table '" + tableName + "': expected a whole number from 1 to "
                    + MAX_SCAN_PARALLELISM);
        }
        return (int) parallelism;
    }

    /**
     * Validates the {@code WITH} options of a table (its {@code connector} key names the factory; every
     * other key must be known and its value must parse; then the factory's own checks) and returns
     * what the connector gets to see.
     */
    public TableContext context(String tableName, RowType physicalSchema, Map<String, String> options,
            List<String> partitionKeys) {
        return context(tableName, physicalSchema, options, partitionKeys, List.of());
    }

    /** As {@link #context(String, RowType, Map, List)}, for a table that declares metadata columns with these keys. */
    public TableContext context(String tableName, RowType physicalSchema, Map<String, String> options,
            List<String> partitionKeys, List<String> metadataKeys) {
        return context(tableName, physicalSchema, options, partitionKeys, metadataKeys, List.of());
    }

    /** As {@link #context(String, RowType, Map, List, List)}, for a table with a {@code PRIMARY KEY}. */
    public TableContext context(String tableName, RowType physicalSchema, Map<String, String> options,
            List<String> partitionKeys, List<String> metadataKeys, List<String> primaryKey) {
        String connector = options.get("connector");
        if (connector == null) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + tableName
                    + "' needs the option 'connector'; available connectors: " + String.join(", ", factories.keySet()));
        }
        TableFactory factory = get(connector);
        Map<String, String> connectorOptions = new LinkedHashMap<>(options);
        // Event-time options apply to every source, so the engine checks them, not each connector.
        connectorOptions.keySet().removeIf(key -> key.startsWith(WATERMARK_PREFIX));
        connectorOptions.remove(SCAN_PARALLELISM.key());
        scanParallelism(tableName, options, 1);
        for (ConfigOption<?> option : WATERMARK_OPTIONS) {
            String value = options.get(option.key());
            if (value != null) {
                option.parse(tableName, option.key(), value);
            }
        }
        for (String key : options.keySet()) {
            if (key.startsWith(WATERMARK_PREFIX) && WATERMARK_OPTIONS.stream().noneMatch(o -> o.matches(key))) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Unknown option '" + key + "' for table '" + tableName
                        + "'; supported event-time options: " + String.join(", ",
                        WATERMARK_OPTIONS.stream().map(ConfigOption::key).toList()));
            }
        }
        Options validated = Options.validate(tableName, connector, connectorOptions, factory.options());
        TableContext context = new TableContext(tableName, physicalSchema, validated, partitionKeys, metadataKeys,
                primaryKey);
        factory.validate(context);
        return context;
    }
}
