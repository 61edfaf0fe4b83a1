package io.weir.connector.jdbc;

import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.LookupSource;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.Field;
import java.time.Duration;
import java.util.List;

/**
 * {@code 'connector' = 'jdbc'}: a PostgreSQL table as a bounded source (read in parallel ranges of
 * {@code 'scan.partition.column'}), as the build side of a lookup join (with Flink's partial
 * cache), and as a sink (upserts by the Weir table's PRIMARY KEY, plain inserts without one).
 * Options are named as in Flink's JDBC connector. Stateless and thread-safe.
 */
public final class JdbcTableFactory implements TableFactory {
    public static final String IDENTIFIER = "jdbc";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public List<ConfigOption<?>> options() {
        return JdbcOptions.ALL;
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    @Override
    public boolean supportsLookup() {
        return true;
    }

    @Override
    public void validate(TableContext context) {
        Options options = context.options();
        ConnectionSettings.of(options);
        PartitionRanges.validate(options, context.schema());
        String cache = options.get(JdbcOptions.LOOKUP_CACHE);
        boolean partialOptions = options.asMap().keySet().stream().anyMatch(k -> k.startsWith("lookup.partial-cache."));
        if (cache.equals("PARTIAL") && options.getOptional(JdbcOptions.LOOKUP_CACHE_MAX_ROWS).isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + context.tableName() + "' sets 'lookup.cache' = "
                    + "'PARTIAL' and needs 'lookup.partial-cache.max-rows' (how many keys the cache keeps)");
        }
        if (cache.equals("NONE") && partialOptions) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + context.tableName() + "' sets "
                    + "'lookup.partial-cache.*' options but 'lookup.cache' is 'NONE'; set 'lookup.cache' = 'PARTIAL'");
        }
    }

    /** A scan yields inserts only. */
    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return ChangelogMode.INSERT_ONLY;
    }

    /** With a primary key, the table takes a changelog (upserts and deletes by key); without, inserts only. */
    @Override
    public ChangelogMode sinkChangelogMode(TableContext context) {
        return context.primaryKey().isEmpty() ? ChangelogMode.INSERT_ONLY : ChangelogMode.ALL;
    }

    @Override
    public TableSource createSource(TableContext context) {
        Options options = context.options();
        return new JdbcSource(ConnectionSettings.of(options), context.schema(),
                PartitionRanges.plan(options, context.schema()), (int) Math.min(Integer.MAX_VALUE,
                options.get(JdbcOptions.SCAN_FETCH_SIZE)));
    }

    @Override
    public TableSink createSink(TableContext context) {
        for (Field field : context.schema().fields()) {
            if (!JdbcValues.isWritable(field.type())) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "The jdbc connector cannot write column '"
                        + field.name() + "' of type " + field.type() + " (table '" + context.tableName() + "')");
            }
        }
        Options options = context.options();
        var write = new JdbcSink.WriteSettings(
                (int) Math.min(Integer.MAX_VALUE, options.get(JdbcOptions.SINK_BUFFER_FLUSH_MAX_ROWS)),
                options.get(JdbcOptions.SINK_BUFFER_FLUSH_INTERVAL),
                (int) Math.min(Integer.MAX_VALUE, options.get(JdbcOptions.SINK_MAX_RETRIES)));
        return new JdbcSink(ConnectionSettings.of(options), context.schema(), context.primaryKey(), write);
    }

    @Override
    public LookupSource createLookupSource(TableContext context, List<String> keyColumns) {
        Options options = context.options();
        LookupCache cache = null;
        if (options.get(JdbcOptions.LOOKUP_CACHE).equals("PARTIAL")) {
            Duration afterWrite = options.getOptional(JdbcOptions.LOOKUP_CACHE_EXPIRE_AFTER_WRITE).orElse(null);
            Duration afterAccess = options.getOptional(JdbcOptions.LOOKUP_CACHE_EXPIRE_AFTER_ACCESS).orElse(null);
            cache = new LookupCache(options.get(JdbcOptions.LOOKUP_CACHE_MAX_ROWS), afterWrite, afterAccess,
                    System::nanoTime);
        }
        return new JdbcLookupSource(ConnectionSettings.of(options), context.schema(), keyColumns,
                (int) Math.min(Integer.MAX_VALUE, options.get(JdbcOptions.LOOKUP_MAX_RETRIES)), cache,
                options.get(JdbcOptions.LOOKUP_CACHE_MISSING_KEY));
    }
}
