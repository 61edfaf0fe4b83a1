package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableSink;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.arrow.vector.VectorSchemaRoot;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The writable side of a filesystem table on {@code s3://bucket/prefix}. Each writer writes its part
 * files as the local sink does, into a private staging directory; at every commit point it uploads
 * each finished part as an uncompleted multipart upload ({@link S3Staging}) under the same relative
 * name (partition directories included, the job id in the file name) and deletes the local copy. The
 * sink's commit completes the uploads, so an object appears whole and exactly once; a job that
 * resumes aborts the uploads its crashed attempts left. With the {@code success-file} partition
 * commit policy, the commit then puts an empty marker object into each partition it completed
 * objects in.
 */
final class S3FileSystemSink implements TableSink {
    /** Parts of an upload; S3 wants at least 5 MB for every part but the last. */
    private static final int PART_SIZE = 8 * 1024 * 1024;

    private final FileSystemConfig config;
    private final S3Location location;
    private final S3Settings settings;
    private final String uuid = UUID.randomUUID().toString();

    S3FileSystemSink(FileSystemConfig config, S3Location location, S3Settings settings) {
        this.config = requireNonNull(config, "config is null");
        this.location = requireNonNull(location, "location is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public SinkWriter createWriter(SinkContext context) {
        Path staging;
        try {
            staging = Files.createTempDirectory("weir-s3-" + config.tableName() + "-");
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot create a staging directory for table '"
                    + config.tableName() + "': " + e.getMessage(), e);
        }
        FileSystemConfig local = config.withRoot(staging.toString());
        return new UploadingWriter(new FileSystemWriter(local, uuid, context.subtaskIndex(), context.jobId()), staging,
                context.jobId());
    }

    @Override
    public void commit(List<Committable> committables) {
        try (S3Client client = settings.newClient()) {
            S3Staging staging = new S3Staging(client, config.tableName());
            Set<String> partitions = new TreeSet<>();
            for (Committable committable : committables) {
                S3PendingObject object = (S3PendingObject) committable;
                staging.commit(object);
                int slash = object.key().lastIndexOf('/');
                String directory = slash < 0 ? "" : object.key().substring(0, slash);
                if (!directory.equals(location.prefix())) {
                    partitions.add(directory);
                }
            }
            // the success-file partition commit policy, after every object of the partition is complete
            if (config.successFileName() != null && !config.partitionKeys().isEmpty()) {
                for (String partition : partitions) {
                    staging.putEmpty(location.bucket(), partition + "/" + config.successFileName());
                }
            }
        }
    }

    @Override
    public void abort(List<Committable> committables) {
        try (S3Client client = settings.newClient()) {
            S3Staging staging = new S3Staging(client, config.tableName());
            for (Committable committable : committables) {
                staging.abort((S3PendingObject) committable);
            }
        }
    }

    @Override
    public void removeUncommitted(String jobId) {
        try (S3Client client = settings.newClient()) {
            new S3Staging(client, config.tableName()).removeUncommitted(location.bucket(), location.prefix(), jobId);
        }
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    @Override
    public boolean acceptsChangelog() {
        return config.format().isChangelog();
    }

    /** A local writer whose finished parts go to S3 as staged uploads. */
    private final class UploadingWriter implements SinkWriter {
        private final FileSystemWriter files;
        private final Path staging;
        private final String jobId;
        private final S3Client client;

        UploadingWriter(FileSystemWriter files, Path staging, String jobId) {
            this.files = files;
            this.staging = staging;
            this.jobId = jobId;
            this.client = settings.newClient();
        }

        @Override
        public void write(VectorSchemaRoot batch) {
            files.write(batch);
        }

        @Override
        public List<Committable> prepareCommit() {
            S3Staging uploads = new S3Staging(client, config.tableName());
            List<Committable> staged = new ArrayList<>();
            for (Committable committable : files.prepareCommit()) {
                PendingFile file = (PendingFile) committable;
                Path finished = Paths.get(file.finalPath());
                Path relative = staging.relativize(finished);
                String name = relative.getFileName().toString();
                // the job id in the name lets a resumed job find its crashed attempts' uploads
                String key = location.key((relative.getParent() == null ? "" : relative.getParent().toString()
                        .replace('\\', '/') + "/") + name.replaceFirst("^part-", "part-" + jobId + "-"));
                Path local = Paths.get(file.inProgressPath());
                try {
                    staged.add(uploads.stage(location.bucket(), key, parts(Files.readAllBytes(local))));
                    Files.deleteIfExists(local);
                } catch (IOException e) {
                    throw new WeirException(ErrorCode.IO_ERROR, "Cannot upload part " + local + " of table '"
                            + config.tableName() + "': " + e.getMessage(), e);
                }
            }
            return staged;
        }

        private List<byte[]> parts(byte[] bytes) {
            List<byte[]> parts = new ArrayList<>();
            for (int from = 0; from < bytes.length; from += PART_SIZE) {
                parts.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART_SIZE)));
            }
            return parts;
        }

        @Override
        public void close() {
            try {
                files.close();
            } finally {
                client.close();
                deleteQuietly(staging);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a staging directory left behind is only disk space in the temporary directory
        }
    }
}
