package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.slf4j.LoggerFactory;

/**
 * The bounded, readable side of a filesystem table: the table's file, or every file under its
 * directory (recursively, skipping names that start with {@code .} or {@code _}, such as the
 * sink's in-progress files and {@code _SUCCESS} markers), sorted by path, one split per file. On
 * {@code s3://bucket/prefix} the files are the objects listed under the prefix, with the same
 * rules applied to each key's path below the prefix (an object named exactly as the prefix is the
 * table's one file).
 */
final class FileSource implements TableSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    private final FileSystemConfig config;
    /** How to reach S3; null for a local table. */
    private final S3Settings s3;

    FileSource(FileSystemConfig config, S3Settings s3) {
        this.config = requireNonNull(config, "config is null");
        this.s3 = s3;
        if (config.isS3()) {
            requireNonNull(s3, "s3 is null");
        }
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    /** One split per file, whatever the parallelism; none when the directory is empty or missing. */
    @Override
    public List<SourceSplit> planSplits(int parallelism) {
        List<SourceSplit> splits = new ArrayList<>();
        if (config.isS3()) {
            S3Location location = S3Location.parse(config.tableName(), config.root());
            for (String key : listObjects(location)) {
                String relative = key.equals(location.prefix()) ? ""
                        : location.prefix().isEmpty() ? key : key.substring(location.prefix().length() + 1);
                String path = "s3://" + location.bucket() + "/" + key;
                splits.add(new FileSplit(path, path, partitionValues(relative)));
            }
            return List.copyOf(splits);
        }
        Path root = config.rootPath();
        for (Path file : listFiles(config)) {
            String relative = file.equals(root) ? "" : root.relativize(file).toString().replace('\\', '/');
            splits.add(new FileSplit(file.toString(), file.toString(), partitionValues(relative)));
        }
        return List.copyOf(splits);
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        return new FileSplitReader(config, (FileSplit) split, s3);
    }

    /** The visible files of the table in path order. */
    static List<Path> listFiles(FileSystemConfig config) {
        Path root = config.rootPath();
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            LOG.warn("Path {} of table '{}' does not exist; reading it as empty", root, config.tableName());
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> isVisible(root.relativize(p).toString().replace('\\', '/'))
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot list the files of table '" + config.tableName()
                    + "' under " + root + ": " + e.getMessage(), e);
        }
    }

    /** The keys of the table's visible objects in key order: the prefix's own object, or those below it. */
    private List<String> listObjects(S3Location location) {
        String prefix = location.prefix();
        List<String> keys = new ArrayList<>();
        try (S3Client client = s3.newClient()) {
            if (!prefix.isEmpty()) {
                try {
                    client.headObject(b -> b.bucket(location.bucket()).key(prefix));
                    return List.of(prefix);
                } catch (NoSuchKeyException e) {
                    // a directory-like prefix: list below it
                } catch (S3Exception e) {
                    if (e.statusCode() != 404) {
                        throw e;
                    }
                }
            }
            String below = prefix.isEmpty() ? "" : prefix + "/";
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(below))
                    .contents()) {
                String relative = object.key().substring(below.length());
                if (!relative.isEmpty() && !relative.endsWith("/") && isVisible(relative)) {
                    keys.add(object.key());
                }
            }
        } catch (SdkException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot list the objects of table '" + config.tableName()
                    + "' under " + location + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            LOG.warn("No objects under {} for table '{}'; reading it as empty", location, config.tableName());
        }
        keys.sort(null);
        return keys;
    }

    /** Whether no name of the slash-separated {@code relative} path starts with '.' or '_'. */
    private static boolean isVisible(String relative) {
        for (String name : relative.split("/")) {
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    /** The partition values named by the directories of {@code relative} (slash-separated, below the root). */
    private List<String> partitionValues(String relative) {
        List<String> keys = config.partitionKeys();
        String[] values = new String[keys.size()];
        int slash = relative.lastIndexOf('/');
        if (keys.isEmpty() || slash < 0) {
            return Arrays.asList(values);
        }
        for (String text : relative.substring(0, slash).split("/")) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            int index = keys.indexOf(PartitionPaths.unescape(text.substring(0, equals)));
            String value = PartitionPaths.unescape(text.substring(equals + 1));
            if (index >= 0 && !value.equals(config.defaultPartitionName())) {
                values[index] = value;
            }
        }
        return Arrays.asList(values);
    }
}
