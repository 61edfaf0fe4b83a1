package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.Serializable;

/**
 * An {@code s3://bucket/prefix} path split into its bucket and key prefix (no leading or
 * trailing slash; empty for the bucket's root). Immutable.
 */
record S3Location(String bucket, String prefix) implements Serializable {
    S3Location {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
    }

    static boolean isS3(String path) {
        String trimmed = path.trim().toLowerCase(java.util.Locale.ROOT);
        return trimmed.startsWith("s3://") || trimmed.startsWith("s3a://");
    }

    /** Parses {@code s3://bucket/a/b} (also {@code s3a://}); INVALID_OPTION without a bucket. */
    static S3Location parse(String table, String path) {
        String trimmed = path.trim();
        String rest = trimmed.substring(trimmed.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (bucket.isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + path + "' for option 'path' of "
                    + "table '" + table + "': expected 's3://<bucket>/<prefix>'");
        }
        return new S3Location(bucket, prefix);
    }

    /** The key of {@code relative} (a slash-separated name) under this prefix. */
    String key(String relative) {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
