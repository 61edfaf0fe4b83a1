package io.weir.connector.jdbc;

import io.weir.spi.connector.ConfigOption;
import java.time.Duration;
import java.util.List;

/** The options of {@code 'connector' = 'jdbc'}, named as Flink's JDBC connector names them. */
final class JdbcOptions {
    static final ConfigOption<String> URL = ConfigOption.string("url", null,
            "the JDBC URL of the database, e.g. jdbc:postgresql://localhost:5432/shop");
    static final ConfigOption<String> TABLE_NAME = ConfigOption.string("table-name", null,
            "the table in the database, optionally with its schema (public.orders)");
    static final ConfigOption<String> DRIVER = ConfigOption.string("driver", null,
            "the JDBC driver class; derived from the URL when absent");
    static final ConfigOption<String> USERNAME = ConfigOption.string("username", null, "the database user");
    static final ConfigOption<String> PASSWORD = ConfigOption.string("password", null, "the database user's password")
            .asSensitive();

    static final ConfigOption<String> SCAN_PARTITION_COLUMN = ConfigOption.string("scan.partition.column", null,
            "a numeric, date or timestamp column by whose ranges the table is read in parallel splits");
    static final ConfigOption<Long> SCAN_PARTITION_NUM = ConfigOption.longValue("scan.partition.num", null, 1,
            "how many splits the partition column's range is cut into");
    static final ConfigOption<String> SCAN_PARTITION_LOWER_BOUND = ConfigOption.string("scan.partition.lower-bound",
            null, "the smallest value of the first split's range (a number, a date or a timestamp)");
    static final ConfigOption<String> SCAN_PARTITION_UPPER_BOUND = ConfigOption.string("scan.partition.upper-bound",
            null, "the largest value of the last split's range (a number, a date or a timestamp)");
    static final ConfigOption<Long> SCAN_FETCH_SIZE = ConfigOption.longValue("scan.fetch-size", 1000L, 0,
            "rows fetched from the database per round trip while scanning (0: the driver's default, "
                    + "which for PostgreSQL is every row at once)");

    static final ConfigOption<String> LOOKUP_CACHE = ConfigOption.enumeration("lookup.cache", "NONE",
            "whether a lookup join caches the rows it looked up", "NONE", "PARTIAL");
    static final ConfigOption<Long> LOOKUP_CACHE_MAX_ROWS = ConfigOption.longValue("lookup.partial-cache.max-rows",
            null, 1, "how many keys the partial lookup cache keeps (least recently used keys leave first)");
    static final ConfigOption<Duration> LOOKUP_CACHE_EXPIRE_AFTER_WRITE = ConfigOption.duration(
            "lookup.partial-cache.expire-after-write", null, "how long a cached key stays after it was looked up");
    static final ConfigOption<Duration> LOOKUP_CACHE_EXPIRE_AFTER_ACCESS = ConfigOption.duration(
            "lookup.partial-cache.expire-after-access", null, "how long a cached key stays after it was last used");
    static final ConfigOption<Boolean> LOOKUP_CACHE_MISSING_KEY = ConfigOption.booleanValue(
            "lookup.partial-cache.cache-missing-key", true, "whether keys without a row are cached too");
    static final ConfigOption<Long> LOOKUP_MAX_RETRIES = ConfigOption.longValue("lookup.max-retries", 3L, 0,
            "how often a failed lookup query is retried");

    static final ConfigOption<Long> SINK_BUFFER_FLUSH_MAX_ROWS = ConfigOption.longValue("sink.buffer-flush.max-rows",
            100L, 0, "how many buffered changes make the sink flush (0: no limit)");
    static final ConfigOption<Duration> SINK_BUFFER_FLUSH_INTERVAL = ConfigOption.duration("sink.buffer-flush.interval",
            Duration.ofSeconds(1), "how long changes may wait in the buffer before a flush (0: only at commit points)");
    static final ConfigOption<Long> SINK_MAX_RETRIES = ConfigOption.longValue("sink.max-retries", 3L, 0,
            "how often a failed flush is retried");
    static final ConfigOption<Long> SINK_PARALLELISM = ConfigOption.longValue("sink.parallelism", null, 1,
            "the sink's parallelism (accepted for Flink compatibility; the sink runs at its input's parallelism)");

    static final List<ConfigOption<?>> ALL = List.of(URL, TABLE_NAME, DRIVER, USERNAME, PASSWORD,
            SCAN_PARTITION_COLUMN, SCAN_PARTITION_NUM, SCAN_PARTITION_LOWER_BOUND, SCAN_PARTITION_UPPER_BOUND,
            SCAN_FETCH_SIZE, LOOKUP_CACHE, LOOKUP_CACHE_MAX_ROWS, LOOKUP_CACHE_EXPIRE_AFTER_WRITE,
            LOOKUP_CACHE_EXPIRE_AFTER_ACCESS, LOOKUP_CACHE_MISSING_KEY, LOOKUP_MAX_RETRIES,
            SINK_BUFFER_FLUSH_MAX_ROWS, SINK_BUFFER_FLUSH_INTERVAL, SINK_MAX_RETRIES, SINK_PARALLELISM);

    private JdbcOptions() {
    }
}
