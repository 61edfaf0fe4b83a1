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
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writable side of a filesystem table. Writers stage hidden part files
 * ({@code .part-<uuid>-<subtask>-<n>.<ext>.inprogress}); {@link #commit} renames each atomically to
 * {@code part-<uuid>-<subtask>-<n>.<ext>}, then marks the partitions it wrote into as committed
 * when the table asks for it ({@code 'sink.partition-commit.policy.kind' = 'success-file'}). The
 * uuid is drawn once per sink, that is per job, so that the files of different runs never collide.
 */
final class FileSystemSink implements TableSink {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemSink.class);

    private final FileSystemConfig config;
    private final String uuid = UUID.randomUUID().toString();

    FileSystemSink(FileSystemConfig config) {
        this.config = requireNonNull(config, "config is null");
        if (Files.isRegularFile(config.rootPath())) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + config.tableName() + "' cannot be written: "
                    + "its path " + config.root() + " is a file, and the sink writes into a directory");
        }
    }

    @Override
    public SinkWriter createWriter(SinkContext context) {
        return new FileSystemWriter(config, uuid, context.subtaskIndex(), context.jobId());
    }

    @Override
    public boolean acceptsChangelog() {
        return config.format().isChangelog();
    }

    /** Files are written hidden and renamed into place only when the checkpoint covering them completes. */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** Renames every pending file to its visible name; a file already renamed by an earlier call is fine. */
    @Override
    public void commit(List<Committable> committables) {
        for (Committable committable : committables) {
            PendingFile pending = (PendingFile) committable;
            Path from = Paths.get(pending.inProgressPath());
            Path to = Paths.get(pending.finalPath());
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (Files.exists(to) && !Files.exists(from)) {
                    continue;
                }
                throw new WeirException(ErrorCode.IO_ERROR, "Cannot commit file " + to + " of table '"
                        + config.tableName() + "': " + e.getMessage(), e);
            }
        }
        commitPartitions(committables);
        if (!committables.isEmpty() && config.autoCompaction()) {
            LOG.info("Table '{}': auto-compaction is not supported yet, so its {} files stay as written",
                    config.tableName(), committables.size());
        }
    }

    /**
     * The {@code success-file} partition commit policy: an empty marker in the directory of every
     * partition that just got files (Flink's process-time trigger with no delay). Rewriting an
     * existing marker is harmless, so a repeated commit is fine.
     */
    private void commitPartitions(List<Committable> committables) {
        if (config.successFileName() == null || config.partitionKeys().isEmpty()) {
            return;
        }
        Set<Path> partitions = new TreeSet<>();
        for (Committable committable : committables) {
            Path directory = Paths.get(((PendingFile) committable).finalPath()).getParent();
            if (directory != null && !directory.equals(config.rootPath())) {
                partitions.add(directory);
            }
        }
        for (Path partition : partitions) {
            Path marker = partition.resolve(config.successFileName());
            try {
                Files.write(marker, new byte[0]);
            } catch (IOException e) {
                throw new WeirException(ErrorCode.IO_ERROR, "Cannot write the success file " + marker + " of table '"
                        + config.tableName() + "': " + e.getMessage(), e);
            }
        }
        LOG.debug("Table '{}': committed partitions {}", config.tableName(), partitions);
    }

    /**
     * Deletes the in-progress files that job {@code jobId}'s failed attempts left under the table's
     * directory (a resumed job has just committed what its checkpoint covers, so the rest is never
     * going to be visible). Other jobs' files are left alone.
     */
    @Override
    public void removeUncommitted(String jobId) {
        Path root = config.rootPath();
        if (!Files.isDirectory(root)) {
            return;
        }
        int removed = 0;
        try (var paths = Files.walk(root)) {
            for (Path file : paths.filter(p -> FileSystemWriter.isInProgressOf(p.getFileName().toString(), jobId))
                    .toList()) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Table '{}': cannot remove the in-progress files job {} left under {}: {}", config.tableName(),
                    jobId, root, e.getMessage());
            return;
        }
        if (removed > 0) {
            LOG.info("Table '{}': removed {} in-progress files that failed attempts of job {} left", config.tableName(),
                    removed, jobId);
        }
    }

    /** Deletes the pending files, which will never become visible. */
    @Override
    public void abort(List<Committable> committables) {
        for (Committable committable : committables) {
            Path file = Paths.get(((PendingFile) committable).inProgressPath());
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete aborted file {} of table '{}'", file, config.tableName(), e);
            }
        }
    }
}
