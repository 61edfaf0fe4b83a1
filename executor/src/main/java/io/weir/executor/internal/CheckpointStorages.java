package io.weir.executor.internal;

import io.weir.spi.checkpoint.CheckpointStorage;
import io.weir.spi.checkpoint.CheckpointStorageFactory;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the checkpoint storage of a location by its URI scheme: local paths and {@code file://}
 * here, any other scheme through a {@link CheckpointStorageFactory} on the class path ({@code s3}
 * comes with the filesystem connector). One storage per scheme and job configuration, kept for the
 * life of the process (an S3 client is expensive to build and holds no threads). Thread-safe.
 */
public final class CheckpointStorages {
    private static final Map<String, CheckpointStorage> OPEN = new ConcurrentHashMap<>();

    private CheckpointStorages() {
    }

    /** The scheme of {@code location}: {@code file} for a path. */
    static String scheme(String location) {
        int colon = location.indexOf("://");
        // a one-letter "scheme" is a Windows drive, not a URI
        return colon <= 1 ? "file" : location.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    }

    /** The storage that holds {@code location}, configured from a job's options. */
    public static CheckpointStorage of(String location, Map<String, String> jobOptions) {
        String scheme = scheme(location);
        if (scheme.equals("file")) {
            return LocalCheckpointStorage.INSTANCE;
        }
        return OPEN.computeIfAbsent(scheme + " " + new TreeMap<>(jobOptions), key -> create(scheme, jobOptions));
    }

    private static CheckpointStorage create(String scheme, Map<String, String> jobOptions) {
        List<String> known = new ArrayList<>(List.of("file"));
        for (CheckpointStorageFactory factory : ServiceLoader.load(CheckpointStorageFactory.class,
                CheckpointStorages.class.getClassLoader())) {
            if (factory.scheme().equals(scheme)) {
                return factory.create(jobOptions);
            }
            known.add(factory.scheme());
        }
        throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value for option '"
                + Checkpointing.DIRECTORY_OPTION + "': no checkpoint storage for scheme '" + scheme
                + "://'; supported: " + String.join(", ", known) + " (a path or file://… is local)");
    }
}
