package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Exactly-once publication of objects on S3, the S3 counterpart of the hidden {@code .inprogress}
 * file renamed at commit. A writer {@link #stage stages} each finished part as a multipart upload
 * (uploaded, not completed: no listing shows it); the sink's commit {@link #commit completes} it,
 * which makes the whole object visible at once. Commit is idempotent: completing an upload that
 * is already gone succeeds when the object exists (a commit repeated after a restore). Every key
 * carries the job id so that {@link #removeUncommitted} can abort a crashed attempt's uploads.
 *
 * <p>Not thread-safe: one instance per writer or committer, each with its own client.
 */
final class S3Staging {
    /** S3's smallest part size except for the last part. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client client;
    private final String table;

    S3Staging(S3Client client, String table) {
        this.client = requireNonNull(client, "client is null");
        this.table = requireNonNull(table, "table is null");
    }

    /**
     * Uploads {@code parts} (each at least {@link #MIN_PART_SIZE} bytes but the last) under {@code key}
     * without completing the upload.
     */
    S3PendingObject stage(String bucket, String key, List<byte[]> parts) {
        try {
            String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            List<String> etags = new ArrayList<>();
            List<byte[]> bodies = parts.isEmpty() ? List.of(new byte[0]) : parts;
            for (int i = 0; i < bodies.size(); i++) {
                int number = i + 1;
                etags.add(client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(bodies.get(i))).eTag());
            }
            return new S3PendingObject(bucket, key, uploadId, etags);
        } catch (SdkException e) {
            throw failure("stage", "s3://" + bucket + "/" + key, e);
        }
    }

    /** Completes the upload; tolerates an upload already completed when the object exists. */
    void commit(S3PendingObject pending) {
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < pending.etags().size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(pending.etags().get(i)).build());
        }
        try {
            client.completeMultipartUpload(b -> b.bucket(pending.bucket()).key(pending.key())
                    .uploadId(pending.uploadId()).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (NoSuchUploadException gone) {
            requireExists(pending, gone);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                requireExists(pending, e);
            } else {
                throw failure("commit", location(pending), e);
            }
        } catch (SdkException e) {
            throw failure("commit", location(pending), e);
        }
    }

    /** Puts an empty object (a marker such as {@code _SUCCESS}); overwriting one is fine. */
    void putEmpty(String bucket, String key) {
        try {
            client.putObject(b -> b.bucket(bucket).key(key), RequestBody.empty());
        } catch (SdkException e) {
            throw failure("put", "s3://" + bucket + "/" + key, e);
        }
    }

    /** Aborts the upload; one already gone is fine. */
    void abort(S3PendingObject pending) {
        try {
            client.abortMultipartUpload(b -> b.bucket(pending.bucket()).key(pending.key()).uploadId(pending.uploadId()));
        } catch (NoSuchUploadException gone) {
            // Already aborted or completed: nothing to do.
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure("abort", location(pending), e);
            }
        } catch (SdkException e) {
            throw failure("abort", location(pending), e);
        }
    }

    /**
     * Aborts every pending upload under {@code prefix} whose key contains {@code jobTag} (the job
     * id as written in part names); returns how many.
     */
    int removeUncommitted(String bucket, String prefix, String jobTag) {
        int removed = 0;
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix))
                    .uploads()) {
                if (upload.key().contains(jobTag)) {
                    abort(new S3PendingObject(bucket, upload.key(), upload.uploadId(), List.of()));
                    removed++;
                }
            }
        } catch (SdkException e) {
            throw failure("clean up", "s3://" + bucket + "/" + prefix, e);
        }
        return removed;
    }

    private void requireExists(S3PendingObject pending, Exception cause) {
        try {
            client.headObject(b -> b.bucket(pending.bucket()).key(pending.key()));
        } catch (SdkException missing) {
            throw failure("commit", location(pending), cause);
        }
    }

    private static String location(S3PendingObject pending) {
        return "s3://" + pending.bucket() + "/" + pending.key();
    }

    private WeirException failure(String action, String location, Exception cause) {
        return new WeirException(ErrorCode.IO_ERROR, "Cannot " + action + " object " + location
                + " of table '" + table + "': " + cause.getMessage(), cause);
    }
}
