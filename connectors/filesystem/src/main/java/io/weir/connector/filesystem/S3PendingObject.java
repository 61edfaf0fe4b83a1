package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.Committable;
import java.util.List;

/**
 * A finished part staged on S3 as an uncompleted multipart upload: invisible to listings until
 * {@link S3Staging#commit} completes it into {@code key}.
 *
 * @param etags the ETag of each uploaded part, in part-number order (part n is {@code etags[n-1]})
 */
record S3PendingObject(String bucket, String key, String uploadId, List<String> etags) implements Committable {
    S3PendingObject {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(uploadId, "uploadId is null");
        etags = List.copyOf(etags);
    }
}
