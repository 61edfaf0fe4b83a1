package io.weir.spi.connector;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;

/**
 * A connector: creates sources and sinks for tables declared with {@code 'connector' = '<id>'}.
 * Implementations are listed in {@code META-INF/services/io.weir.spi.connector.TableFactory} and
 * found through {@link java.util.ServiceLoader}, so adding a connector is adding a module.
 *
 * <p>Called by the server when a table is created (to validate its options) and when a job is
 * planned; must be stateless and thread-safe.
 */
public interface TableFactory {
    /** The value of the {@code 'connector'} option that selects this factory, e.g. {@code datagen}. */
    String identifier();

    /** Every option this connector accepts besides {@code connector}; keys may contain {@code #} for a column name. */
    List<ConfigOption<?>> options();

    default boolean supportsSource() {
        return false;
    }

    default boolean supportsSink() {
        return false;
    }

    /**
     * Checks what the options alone cannot: e.g. that {@code fields.x.*} names a column, that the
     * format can write the schema. Called after each option value has been parsed. No effect by default.
     */
    default void validate(TableContext context) {
    }

    /**
     * Which changes the table produces when read and accepts when written; {@code context} holds its
     * validated options (a format may decide). Called by the planner on its thread for every table a
     * job reads or writes. {@link ChangelogMode#INSERT_ONLY} by default: reading yields only inserts,
     * and a job producing updates is refused before it starts when it would write into the table.
     */
    default ChangelogMode changelogMode(TableContext context) {
        return ChangelogMode.INSERT_ONLY;
    }

    /**
     * Which changes the table accepts when written, when that differs from what reading it yields
     * (a materialized view's table takes a changelog and is read as its current rows).
     * {@link #changelogMode} by default.
     */
    default ChangelogMode sinkChangelogMode(TableContext context) {
        return changelogMode(context);
    }

    /**
     * The metadata a reader can append to each row (Flink's readable metadata: {@code op_ts},
     * {@code lsn}, ...), by key, with the SQL type the value has. A table declaring
     * {@code col TYPE METADATA FROM 'key'} for a key not listed here is refused when it is created,
     * naming the keys listed. Empty by default.
     */
    default java.util.Map<String, io.weir.spi.type.DataType> readableMetadata() {
        return java.util.Map.of();
    }

    /**
     * The metadata a sink takes beside each row, by key, with its SQL type. Empty by default.
     * The engine itself fills the virtual key {@code row_kind} (see {@link io.weir.spi.batch.RowKind})
     * for any sink that lists it.
     */
    default java.util.Map<String, io.weir.spi.type.DataType> writableMetadata() {
        return java.util.Map.of();
    }

    /** Whether {@link #createLookupSource} works: the table can be the build side of a lookup join. */
    default boolean supportsLookup() {
        return false;
    }

    /**
     * A source that finds the table's rows by {@code keyColumns} (names of columns of the schema),
     * for one subtask of a lookup join. Called on that subtask's thread when it starts; only when
     * {@link #supportsLookup()}. Throws FEATURE_NOT_SUPPORTED by default.
     */
    default LookupSource createLookupSource(TableContext context, List<String> keyColumns) {
        throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Connector '" + identifier()
                + "' does not support lookup joins (table '" + context.tableName() + "')");
    }

    /** Only called when {@link #supportsSource()}. */
    default TableSource createSource(TableContext context) {
        throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "Connector '" + identifier() + "' cannot be read from (table '" + context.tableName() + "')");
    }

    /** Only called when {@link #supportsSink()}. */
    default TableSink createSink(TableContext context) {
        throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "Connector '" + identifier() + "' cannot be written to (table '" + context.tableName() + "')");
    }
}
