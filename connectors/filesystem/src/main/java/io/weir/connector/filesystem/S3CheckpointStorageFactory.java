package io.weir.connector.filesystem;

import io.weir.spi.checkpoint.CheckpointStorage;
import io.weir.spi.checkpoint.CheckpointStorageFactory;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.Options;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link S3CheckpointStorage} for {@code s3://} checkpoint folders; each {@code s3.*} client
 * option is read as {@code state.checkpoints.s3.*} first, then as the plain {@code s3.*} key.
 */
public final class S3CheckpointStorageFactory implements CheckpointStorageFactory {
    static final String PREFIX = "state.checkpoints.";
    private static final List<ConfigOption<?>> OPTIONS = List.of(FileSystemOptions.S3_ENDPOINT,
            FileSystemOptions.S3_REGION, FileSystemOptions.S3_PATH_STYLE_ACCESS, FileSystemOptions.S3_ACCESS_KEY,
            FileSystemOptions.S3_SECRET_KEY);

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public CheckpointStorage create(Map<String, String> jobOptions) {
        Map<String, String> raw = new HashMap<>();
        for (ConfigOption<?> option : OPTIONS) {
            String value = jobOptions.getOrDefault(PREFIX + option.key(), jobOptions.get(option.key()));
            if (value != null) {
                raw.put(option.key(), value);
            }
        }
        String what = "checkpoint storage";
        return new S3CheckpointStorage(S3Settings.of(what, Options.validate(what, "s3", raw, OPTIONS)).newClient());
    }
}
