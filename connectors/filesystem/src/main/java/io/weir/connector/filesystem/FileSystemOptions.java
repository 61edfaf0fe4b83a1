package io.weir.connector.filesystem;

import io.weir.spi.connector.ConfigOption;
import java.time.Duration;
import java.util.List;

/** The options of the {@code filesystem} connector, named and defaulted as Flink's. */
public final class FileSystemOptions {
    public static final ConfigOption<String> PATH = ConfigOption.string("path", null,
            "The file or directory to read, or the directory to write: a local path (optionally 'file://...') or "
            + "'s3://bucket/prefix'.");
    public static final ConfigOption<String> FORMAT = ConfigOption.enumeration("format", null,
            "The file format: csv, json (one JSON object per line), debezium-json (a changelog) or parquet.", "csv", "json", "debezium-json", "parquet");
    public static final ConfigOption<String> CSV_FIELD_DELIMITER = ConfigOption.string("csv.field-delimiter", ",",
            "The one-character field separator of CSV; '\\t' means tab.");
    public static final ConfigOption<String> CSV_QUOTE_CHARACTER = ConfigOption.string("csv.quote-character", "\"",
            "The one-character quote of CSV fields.");
    public static final ConfigOption<Boolean> CSV_IGNORE_PARSE_ERRORS = ConfigOption.booleanValue(
            "csv.ignore-parse-errors", false, "Skip (and count) CSV records that cannot be parsed instead of failing.");
    public static final ConfigOption<String> CSV_NULL_LITERAL = ConfigOption.string("csv.null-literal", null,
            "The text that stands for NULL in CSV; when absent an empty unquoted field is NULL.");
    public static final ConfigOption<Boolean> JSON_IGNORE_PARSE_ERRORS = ConfigOption.booleanValue(
            "json.ignore-parse-errors", false, "Skip (and count) JSON lines that cannot be parsed instead of failing.");
    public static final ConfigOption<String> SINK_ROLLING_FILE_SIZE = ConfigOption.string(
            "sink.rolling-policy.file-size", "128MB",
            "The size at which the sink rolls over to a new file, e.g. '128MB', '1kb', '1048576'.");
    public static final ConfigOption<Duration> SINK_ROLLOVER_INTERVAL = ConfigOption.duration(
            "sink.rolling-policy.rollover-interval", Duration.ofMinutes(30),
            "The longest time a part file stays open before the sink rolls over to a new one.");
    public static final ConfigOption<Duration> SINK_CHECK_INTERVAL = ConfigOption.duration(
            "sink.rolling-policy.check-interval", Duration.ofMinutes(1),
            "Accepted for Flink compatibility: the rollover interval is checked at every write and checkpoint.");
    public static final ConfigOption<String> PARTITION_COMMIT_POLICY_KIND = ConfigOption.string(
            "sink.partition-commit.policy.kind", null,
            "How a committed partition is announced: 'success-file' writes an empty marker file into its directory "
            + "(none by default, as in Flink).");
    public static final ConfigOption<String> PARTITION_COMMIT_SUCCESS_FILE_NAME = ConfigOption.string(
            "sink.partition-commit.success-file.name", "_SUCCESS", "The name of the success-file marker.");
    public static final ConfigOption<String> PARTITION_COMMIT_TRIGGER = ConfigOption.enumeration(
            "sink.partition-commit.trigger", "process-time",
            "When a partition is committed: 'process-time', at the first checkpoint that makes files in it visible.",
            "process-time", "partition-time");
    public static final ConfigOption<Duration> PARTITION_COMMIT_DELAY = ConfigOption.duration(
            "sink.partition-commit.delay", Duration.ZERO, "How long after its creation a partition is committed; "
            + "only 0 s (commit at the first checkpoint that makes files in it visible) is supported.");
    public static final ConfigOption<String> PARQUET_COMPRESSION = ConfigOption.enumeration("parquet.compression",
            "snappy", "The compression codec of Parquet files.", "snappy", "zstd", "gzip", "uncompressed");
    public static final ConfigOption<String> PARQUET_BLOCK_SIZE = ConfigOption.string("parquet.block.size", "128MB",
            "The size of a Parquet row group (buffered in memory before it is written), e.g. '128MB'.");
    public static final ConfigOption<Duration> SOURCE_MONITOR_INTERVAL = ConfigOption.duration(
            "source.monitor-interval", null,
            "Interval for watching the directory for new files (unbounded reading); not supported yet.");
    public static final ConfigOption<String> PARTITION_DEFAULT_NAME = ConfigOption.string("partition.default-name",
            "__DEFAULT_PARTITION__", "The directory name of the partition whose value is NULL or empty.");
    public static final ConfigOption<Boolean> AUTO_COMPACTION = ConfigOption.booleanValue("auto-compaction", false,
            "Compact small files after commit (accepted; no effect yet).");
    public static final ConfigOption<Long> SINK_PARALLELISM = ConfigOption.longValue("sink.parallelism", null, 1,
            "The number of parallel sink writers; default the input's parallelism.");
    public static final ConfigOption<String> S3_ENDPOINT = ConfigOption.string("s3.endpoint", null,
            "The S3 endpoint URL for an S3-compatible store, e.g. 'http://127.0.0.1:9000'; default AWS.");
    public static final ConfigOption<String> S3_REGION = ConfigOption.string("s3.region", null,
            "The S3 region; default 'us-east-1' when 's3.endpoint' is set, else the SDK's region chain.");
    public static final ConfigOption<Boolean> S3_PATH_STYLE_ACCESS = ConfigOption.booleanValue(
            "s3.path-style-access", false, "Address buckets as 'endpoint/bucket' instead of 'bucket.endpoint'.");
    public static final ConfigOption<String> S3_ACCESS_KEY = ConfigOption.string("s3.access-key", null,
            "The S3 access key id; without keys the SDK's default credentials chain is used.");
    public static final ConfigOption<String> S3_SECRET_KEY = ConfigOption.string("s3.secret-key", null,
            "The S3 secret access key (hidden in SHOW CREATE TABLE).").asSensitive();
    public static final ConfigOption<Duration> LOOKUP_JOIN_CACHE_TTL = ConfigOption.duration(
            "lookup.join.cache.ttl", Duration.ofMinutes(60), "How long a lookup join keeps the table's rows in "
            + "memory before it reads the files again.");

    /** Every option the connector accepts. */
    public static final List<ConfigOption<?>> ALL = List.of(PATH, FORMAT, CSV_FIELD_DELIMITER, CSV_QUOTE_CHARACTER,
            CSV_IGNORE_PARSE_ERRORS, CSV_NULL_LITERAL, JSON_IGNORE_PARSE_ERRORS, SINK_ROLLING_FILE_SIZE,
            SINK_ROLLOVER_INTERVAL, SINK_CHECK_INTERVAL, PARQUET_COMPRESSION, PARQUET_BLOCK_SIZE, PARTITION_COMMIT_POLICY_KIND,
            PARTITION_COMMIT_SUCCESS_FILE_NAME, PARTITION_COMMIT_TRIGGER, PARTITION_COMMIT_DELAY, SOURCE_MONITOR_INTERVAL, PARTITION_DEFAULT_NAME,
            AUTO_COMPACTION, SINK_PARALLELISM, S3_ENDPOINT, S3_REGION, S3_PATH_STYLE_ACCESS, S3_ACCESS_KEY,
            S3_SECRET_KEY, LOOKUP_JOIN_CACHE_TTL);

    private FileSystemOptions() {
    }
}
