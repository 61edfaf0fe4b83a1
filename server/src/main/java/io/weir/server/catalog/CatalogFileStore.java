package io.weir.server.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.planner.catalog.CatalogStore;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Keeps the catalog's DDL statements in {@code catalog.json} in the data directory. Writes go to a
 * temporary file that is then renamed over the old one, so a crash leaves either version whole.
 */
public final class CatalogFileStore implements CatalogStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public CatalogFileStore(Path dataDir) {
        this.file = requireNonNull(dataDir, "dataDir is null").resolve("catalog.json");
    }

    @Override
    public synchronized List<String> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(List<String> statements) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), statements);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot save the catalog to " + file + ": " + e.getMessage(), e);
        }
    }
}
