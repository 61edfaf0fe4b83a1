package io.weir.connector.filesystem;

import static io.weir.connector.filesystem.FileSystemOptions.CSV_FIELD_DELIMITER;
import static io.weir.connector.filesystem.FileSystemOptions.CSV_IGNORE_PARSE_ERRORS;
import static io.weir.connector.filesystem.FileSystemOptions.CSV_NULL_LITERAL;
import static io.weir.connector.filesystem.FileSystemOptions.CSV_QUOTE_CHARACTER;
import static io.weir.connector.filesystem.FileSystemOptions.FORMAT;
import static io.weir.connector.filesystem.FileSystemOptions.JSON_IGNORE_PARSE_ERRORS;
import static io.weir.connector.filesystem.FileSystemOptions.PARQUET_BLOCK_SIZE;
import static io.weir.connector.filesystem.FileSystemOptions.PARQUET_COMPRESSION;
import static io.weir.connector.filesystem.FileSystemOptions.PARTITION_DEFAULT_NAME;
import static io.weir.connector.filesystem.FileSystemOptions.PATH;
import static io.weir.connector.filesystem.FileSystemOptions.SINK_ROLLING_FILE_SIZE;
import static io.weir.connector.filesystem.FileSystemOptions.SINK_ROLLOVER_INTERVAL;
import static io.weir.connector.filesystem.FileSystemOptions.SOURCE_MONITOR_INTERVAL;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The resolved settings of one filesystem table: where, which format, how CSV is spelled, and
 * which columns live in the files ({@code fileSchema}) versus in partition directory names.
 *
 * @param root the table's file or directory, as a local absolute path string, or its {@code s3://} URL
 * @param nullLiteral the CSV text for NULL, or null when an empty unquoted field is NULL
 * @param rolloverMillis how long a part file may stay open, {@code sink.rolling-policy.rollover-interval}
 * @param parquetCompression {@code snappy}, {@code zstd}, {@code gzip} or {@code uncompressed}
 * @param parquetBlockSize the Parquet row group size in bytes
 * @param successFileName the marker written into each committed partition ({@code success-file}
 *     policy), or null for no marker
 */
record FileSystemConfig(String tableName, String root, FileFormat format, RowType schema, List<String> partitionKeys,
        RowType fileSchema, char delimiter, char quote, String nullLiteral, boolean ignoreParseErrors,
        long rollingFileSize, long rolloverMillis, String defaultPartitionName, boolean autoCompaction,
        String parquetCompression, long parquetBlockSize, String successFileName) implements Serializable {

    FileSystemConfig {
        partitionKeys = List.copyOf(partitionKeys);
    }

    Path rootPath() {
        return Paths.get(root);
    }

    /** Whether the table lives on S3 ({@code root} is then the {@code s3://} URL, not a local path). */
    boolean isS3() {
        return S3Location.isS3(root);
    }

    /** This table's settings with its files under {@code newRoot} (an S3 sink's local staging). */
    FileSystemConfig withRoot(String newRoot) {
        return new FileSystemConfig(tableName, newRoot, format, schema, partitionKeys, fileSchema, delimiter, quote,
                nullLiteral, ignoreParseErrors, rollingFileSize, rolloverMillis, defaultPartitionName, autoCompaction,
                parquetCompression, parquetBlockSize, successFileName);
    }

    /** Resolves and checks every option and the schema; INVALID_OPTION or FEATURE_NOT_SUPPORTED on error. */
    static FileSystemConfig of(TableContext context) {
        Options options = context.options();
        String table = context.tableName();
        FileFormat format = FileFormat.of(options.get(FORMAT));
        if (options.getOptional(SOURCE_MONITOR_INTERVAL).isPresent()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Option 'source.monitor-interval' of table '"
                    + table + "' is not supported yet: the filesystem connector reads the files present when the "
                    + "query starts (a bounded read); remove the option");
        }
        long fileSize = memorySize(table, options, SINK_ROLLING_FILE_SIZE);
        long blockSize = memorySize(table, options, PARQUET_BLOCK_SIZE);
        Duration rollover = options.get(SINK_ROLLOVER_INTERVAL);
        if (rollover.isNegative() || rollover.isZero()) {
            throw invalid(table, SINK_ROLLOVER_INTERVAL, rollover.toString(), "a positive duration such as '30 min'");
        }
        Duration lookupTtl = options.get(FileSystemOptions.LOOKUP_JOIN_CACHE_TTL);
        if (lookupTtl.isNegative() || lookupTtl.isZero()) {
            throw invalid(table, FileSystemOptions.LOOKUP_JOIN_CACHE_TTL, lookupTtl.toString(),
                    "a positive duration such as '60 min'");
        }
        boolean ignore = format == FileFormat.CSV ? options.get(CSV_IGNORE_PARSE_ERRORS)
                : options.get(JSON_IGNORE_PARSE_ERRORS);
        return new FileSystemConfig(table, resolvePath(table, options.get(PATH)), format, context.schema(),
                context.partitionKeys(), fileSchema(context), character(table, options, CSV_FIELD_DELIMITER),
                character(table, options, CSV_QUOTE_CHARACTER), options.getOptional(CSV_NULL_LITERAL).orElse(null),
                ignore, Math.max(1, fileSize), rollover.toMillis(), options.get(PARTITION_DEFAULT_NAME),
                options.get(FileSystemOptions.AUTO_COMPACTION), options.get(PARQUET_COMPRESSION),
                Math.max(1, blockSize), successFileName(table, options));
    }

    /** The success-file marker's name when {@code sink.partition-commit.policy.kind} asks for one, else null. */
    private static String successFileName(String table, Options options) {
        if (options.get(FileSystemOptions.PARTITION_COMMIT_TRIGGER).equals("partition-time")) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Option 'sink.partition-commit.trigger' = "
                    + "'partition-time' of table '" + table + "' is not supported yet; use 'process-time' (the default)");
        }
        if (!options.get(FileSystemOptions.PARTITION_COMMIT_DELAY).isZero()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Option 'sink.partition-commit.delay' of table '"
                    + table + "' is not supported yet: partitions are committed at the first checkpoint that makes "
                    + "files in them visible; remove the option or set it to '0 s'");
        }
        String kinds = options.getOptional(FileSystemOptions.PARTITION_COMMIT_POLICY_KIND).orElse("");
        boolean successFile = false;
        for (String kind : kinds.split(",")) {
            String name = kind.trim().toLowerCase(Locale.ROOT);
            if (name.equals("success-file")) {
                successFile = true;
            } else if (!name.isEmpty()) {
                throw invalid(table, FileSystemOptions.PARTITION_COMMIT_POLICY_KIND, kinds, "'success-file' (the "
                        + "filesystem connector has no metastore and no custom policies)");
            }
        }
        String name = options.get(FileSystemOptions.PARTITION_COMMIT_SUCCESS_FILE_NAME).trim();
        if (successFile && (name.isEmpty() || name.contains("/"))) {
            throw invalid(table, FileSystemOptions.PARTITION_COMMIT_SUCCESS_FILE_NAME, name, "a file name");
        }
        return successFile ? name : null;
    }

    private static long memorySize(String table, Options options, ConfigOption<String> option) {
        String raw = options.get(option);
        try {
            return MemorySizes.parse(raw);
        } catch (RuntimeException e) {
            throw invalid(table, option, raw, "a memory size such as '128MB', '1kb' or '4096'");
        }
    }

    private static String resolvePath(String table, String path) {
        String trimmed = path.trim();
        if (S3Location.isS3(trimmed)) {
            S3Location.parse(table, trimmed);
            return trimmed;
        }
        int scheme = trimmed.indexOf("://");
        if (scheme > 0) {
            String name = trimmed.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("file")) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Path '" + path + "' of table '" + table
                        + "' uses the '" + name + "' file system, which is not supported yet; use a local path "
                        + "(optionally 'file:///...')");
            }
            trimmed = trimmed.substring(scheme + "://".length());
        }
        if (trimmed.isEmpty()) {
            throw invalid(table, PATH, path, "a non-empty path");
        }
        return Paths.get(trimmed).toAbsolutePath().normalize().toString();
    }

    private static char character(String table, Options options, ConfigOption<String> option) {
        String value = options.get(option);
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1 || value.charAt(0) == '\n' || value.charAt(0) == '\r') {
            throw invalid(table, option, value, "a single character");
        }
        return value.charAt(0);
    }

    private static RowType fileSchema(TableContext context) {
        List<String> names = context.schema().names();
        for (String key : context.partitionKeys()) {
            if (!names.contains(key)) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Partition column '" + key + "' of table '"
                        + context.tableName() + "' is not one of its columns: " + String.join(", ", names));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : context.schema().fields()) {
            checkSupported(context.tableName(), FileFormat.of(context.options().get(FORMAT)), field);
            if (!context.partitionKeys().contains(field.name())) {
                fields.add(field);
            }
        }
        if (fields.isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + context.tableName()
                    + "' has only partition columns; at least one column must be stored in the files");
        }
        return new RowType(fields);
    }

    /** Nested types only in Parquet files (the text formats have no spelling for them yet); NULL nowhere. */
    private static void checkSupported(String table, FileFormat format, Field field) {
        DataType type = field.type();
        boolean nested = type.kind() == TypeKind.ARRAY || type.kind() == TypeKind.MAP || type.kind() == TypeKind.ROW;
        if (nested && format != FileFormat.PARQUET || type.kind() == TypeKind.NULL) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Column '" + field.name() + "' of table '" + table
                    + "' has type " + type + ", which the filesystem connector can read and write only with "
                    + "'format' = 'parquet'" + (type.kind() == TypeKind.NULL ? " (and never as NULL)" : ""));
        }
    }

    private static WeirException invalid(String table, ConfigOption<?> option, String value, String expected) {
        return new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + value + "' for option '" + option.key()
                + "' of table '" + table + "': expected " + expected);
    }
}
