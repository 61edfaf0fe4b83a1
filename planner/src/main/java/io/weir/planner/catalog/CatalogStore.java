package io.weir.planner.catalog;

import java.util.List;

/**
 * Where the catalog keeps its definitions between restarts: the DDL statements that recreate every
 * table and view, in creation order. The server implements it over a file in its data directory.
 * Implementations write atomically: after a crash either the old or the new list is there.
 */
public interface CatalogStore {
    List<String> load();

    void save(List<String> statements);

    /**
     * The bytes of the jar at {@code uri} ({@code CREATE FUNCTION … USING JAR}); called when a function
     * is created and when the catalog is restored. Reads {@code file:} URIs and plain paths.
     */
    default byte[] readJar(String uri) throws java.io.IOException {
        java.nio.file.Path path = uri.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(uri))
                : java.nio.file.Path.of(uri);
        return java.nio.file.Files.readAllBytes(path);
    }

    /** A store that forgets everything, for tests and throw-away sessions. */
    static CatalogStore inMemory() {
        return new CatalogStore() {
            private List<String> statements = List.of();

            @Override
            public synchronized List<String> load() {
                return statements;
            }

            @Override
            public synchronized void save(List<String> newStatements) {
                statements = List.copyOf(newStatements);
            }
        };
    }
}
