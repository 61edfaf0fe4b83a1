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
