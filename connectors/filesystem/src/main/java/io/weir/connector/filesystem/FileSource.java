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
import org.slf4j.LoggerFactory;

/**
 * The bounded, readable side of a filesystem table: the table's file, or every file under its
 * directory (recursively, skipping names that start with {@code .} or {@code _}, such as the
 * sink's in-progress files), sorted by path, one split per file.
 */
final class FileSource implements TableSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    private final FileSystemConfig config;

    FileSource(FileSystemConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    /** One split per file, whatever the parallelism; none when the directory is empty or missing. */
    @Override
    public List<SourceSplit> planSplits(int parallelism) {
        List<SourceSplit> splits = new ArrayList<>();
        for (Path file : listFiles(config)) {
            splits.add(new FileSplit(file.toString(), file.toString(), partitionValues(file)));
        }
        return List.copyOf(splits);
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        return new FileSplitReader(config, (FileSplit) split);
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
            return walk.filter(p -> isVisible(root.relativize(p)) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot list the files of table '" + config.tableName()
                    + "' under " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean isVisible(Path relative) {
        for (Path name : relative) {
            String text = name.toString();
            if (text.startsWith(".") || text.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private List<String> partitionValues(Path file) {
        List<String> keys = config.partitionKeys();
        String[] values = new String[keys.size()];
        Path root = config.rootPath();
        if (keys.isEmpty() || !file.startsWith(root) || file.equals(root)) {
            return Arrays.asList(values);
        }
        Path directory = root.relativize(file).getParent();
        if (directory == null) {
            return Arrays.asList(values);
        }
        for (Path name : directory) {
            String text = name.toString();
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
