package io.weir.connector.filesystem;

import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;

/**
 * The {@code filesystem} connector: reads (bounded) and writes CSV or JSON-lines files on the local
 * file system, with Flink's option names ({@link FileSystemOptions}) and Flink's partition
 * directory layout ({@code path/col=value/}). Stateless and thread-safe.
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

    /** {@link ChangelogMode#ALL} for {@code 'format' = 'debezium-json'}, insert-only for csv and json. */
    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return FileSystemConfig.of(context).format().isChangelog() ? ChangelogMode.ALL : ChangelogMode.INSERT_ONLY;
    }

    @Override
    public TableSource createSource(TableContext context) {
        FileSystemConfig config = FileSystemConfig.of(context);
        if (config.isS3()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Table '" + context.tableName() + "' is on S3 ("
                    + config.root() + "), which Weir can write but not read yet");
        }
        if (config.format() == FileFormat.PARQUET) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Table '" + context.tableName() + "' has "
                    + "'format' = 'parquet', which the filesystem connector can write but not read yet");
        }
        return new FileSource(config);
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
