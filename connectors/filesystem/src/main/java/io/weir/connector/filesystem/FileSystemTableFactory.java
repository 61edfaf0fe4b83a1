package io.weir.connector.filesystem;

import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.LookupSource;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code filesystem} connector: reads (bounded) and writes csv, json, debezium-json and parquet
 * files on the local file system or on S3 ({@code s3://bucket/prefix}), with Flink's option names ({@link FileSystemOptions}) and Flink's partition
 * directory layout ({@code path/col=value/}), and serves as the build side of processing-time
 * lookup joins ({@link FileLookupSource}). Stateless and thread-safe.
 */
public final class FileSystemTableFactory implements TableFactory {
    @Override
    public String identifier() {
        return "filesystem";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return FileSystemOptions.ALL;
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
    public void validate(TableContext context) {
        FileSystemConfig.of(context);
    }

    /**
     * {@code row_kind}: a table with {@code op STRING METADATA FROM 'row_kind' VIRTUAL} takes a
     * changelog in any format, each row's kind written into that column at its declared place (the
     * engine fills the column, so the writers see an ordinary STRING column).
     */
    @Override
    public Map<String, DataType> writableMetadata() {
        return Map.of(RowKind.METADATA_KEY, DataType.of(TypeKind.STRING));
    }

    /** {@link ChangelogMode#ALL} for {@code 'format' = 'debezium-json'}, insert-only for csv and json. */
    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return FileSystemConfig.of(context).format().isChangelog() ? ChangelogMode.ALL : ChangelogMode.INSERT_ONLY;
    }

    @Override
    public boolean supportsLookup() {
        return true;
    }

    /** The table's files, read into memory by each subtask of the join ({@link FileLookupSource}). */
    @Override
    public LookupSource createLookupSource(TableContext context, List<String> keyColumns) {
        FileSystemConfig config = FileSystemConfig.of(context);
        Duration ttl = context.options().get(FileSystemOptions.LOOKUP_JOIN_CACHE_TTL);
        return new FileLookupSource(config, config.isS3() ? S3Settings.of(context.tableName(), context.options())
                : null, keyColumns, ttl, System::nanoTime);
    }

    @Override
    public TableSource createSource(TableContext context) {
        FileSystemConfig config = FileSystemConfig.of(context);
        return new FileSource(config, config.isS3() ? S3Settings.of(context.tableName(), context.options()) : null);
    }

    @Override
    public TableSink createSink(TableContext context) {
        FileSystemConfig config = FileSystemConfig.of(context);
        if (config.isS3()) {
            return new S3FileSystemSink(config, S3Location.parse(context.tableName(), config.root()),
                    S3Settings.of(context.tableName(), context.options()));
        }
        return new FileSystemSink(config);
    }
}
