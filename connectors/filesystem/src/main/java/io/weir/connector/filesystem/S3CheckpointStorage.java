package io.weir.connector.filesystem;

import io.weir.spi.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checkpoints on S3 ({@code state.checkpoints.dir} = {@code s3://bucket/prefix}). Every object is one
 * PUT, which S3 makes visible whole or not at all, so metadata written last makes a checkpoint
 * atomic. The client comes from the job's options: {@code state.checkpoints.s3.endpoint},
 * {@code .region}, {@code .path-style-access}, {@code .access-key}, {@code .secret-key}, each falling
 * back to the same {@code s3.*} key SET for the session (as Flink reads {@code s3.*} for its
 * checkpoint file system), then to the AWS defaults. Thread-safe (the SDK client is).
 */
final class S3CheckpointStorage implements CheckpointStorage {

    private final S3Client client;

    S3CheckpointStorage(S3Client client) {
        this.client = client;
    }

    @Override
    public void write(String location, byte[] bytes) throws IOException {
        S3Location at = at(location);
        call(location, () -> client.putObject(b -> b.bucket(at.bucket()).key(at.prefix()), RequestBody.fromBytes(bytes)));
    }

    @Override
    public void upload(Path file, String location) throws IOException {
        S3Location at = at(location);
        call(location, () -> client.putObject(b -> b.bucket(at.bucket()).key(at.prefix()), RequestBody.fromFile(file)));
    }

    @Override
    public byte[] read(String location) throws IOException {
        S3Location at = at(location);
        try {
            return client.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.prefix())).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location);
        } catch (SdkException e) {
            throw new IOException("S3 request for " + location + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void download(String location, Path file) throws IOException {
        S3Location at = at(location);
        try {
            client.getObject(b -> b.bucket(at.bucket()).key(at.prefix()), file);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location);
        } catch (SdkException e) {
            throw new IOException("S3 request for " + location + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String directory) throws IOException {
        S3Location at = at(directory);
        String below = at.prefix().isEmpty() ? "" : at.prefix() + "/";
        List<String> names = new ArrayList<>();
        call(directory, () -> {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(below).delimiter("/"))
                    .contents()) {
                names.add(object.key().substring(below.length()));
            }
            return null;
        });
        return names;
    }

    @Override
    public void delete(String location) throws IOException {
        S3Location at = at(location);
        call(location, () -> client.deleteObject(b -> b.bucket(at.bucket()).key(at.prefix())));
    }

    private static S3Location at(String location) {
        return S3Location.parse("checkpoint storage", location);
    }

    private static void call(String location, java.util.function.Supplier<?> request) throws IOException {
        try {
            request.get();
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 request for " + location + " failed: " + e.getMessage(), e);
        }
    }
}
