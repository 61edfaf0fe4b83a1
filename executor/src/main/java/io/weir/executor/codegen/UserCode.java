package io.weir.executor.codegen;

import io.weir.executor.plan.FunctionJar;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class loader of one job fragment's user-defined functions: a parent-first {@link URLClassLoader}
 * over the graph's function jars (written to temporary files, since a URL class loader reads files),
 * whose parent is the executor's loader. The fragment opens it before it builds its operators and
 * closes it when it ends, which also deletes the files.
 *
 * <p>The compiler finds the loader of the fragment being built through {@link #during}: operator
 * factories compile their expressions on the building thread, so they need no new parameter.
 */
public final class UserCode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserCode.class);
    private static final ThreadLocal<UserCode> BUILDING = new ThreadLocal<>();

    private final URLClassLoader loader;
    private final List<Path> files;

    private UserCode(URLClassLoader loader, List<Path> files) {
        this.loader = loader;
        this.files = files;
    }

    /** A loader over {@code jars}; with no jars, one over nothing (classes come from the executor). */
    public static UserCode open(List<FunctionJar> jars) {
        List<Path> files = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        try {
            for (FunctionJar jar : jars) {
                Path file = Files.createTempFile("weir-udf-", ".jar");
                files.add(file);
                Files.write(file, jar.bytes());
                urls.add(file.toUri().toURL());
            }
        } catch (IOException e) {
            files.forEach(UserCode::delete);
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot write the function jars to a temporary file: "
                    + e.getMessage(), e);
        }
        return new UserCode(new URLClassLoader("weir-udf", urls.toArray(URL[]::new),
                UserCode.class.getClassLoader()), files);
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** Runs {@code build} with this as the loader the expression compiler uses on this thread. */
    public <T> T during(Supplier<T> build) {
        UserCode previous = BUILDING.get();
        BUILDING.set(this);
        try {
            return build.get();
        } finally {
            if (previous == null) {
                BUILDING.remove();
            } else {
                BUILDING.set(previous);
            }
        }
    }

    /** The loader of the fragment being built on this thread, or null outside {@link #during}. */
    static UserCode current() {
        return BUILDING.get();
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("Closing the function class loader failed: {}", e.getMessage());
        }
        files.forEach(UserCode::delete);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

}
