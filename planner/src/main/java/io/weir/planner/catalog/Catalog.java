package io.weir.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and views of the one database, {@code weir}. Names match case-insensitively, as
 * unquoted names do in Flink SQL and PostgreSQL. Every change is written to the {@link CatalogStore}
 * before it is visible, so an acknowledged CREATE survives a restart.
 *
 * <p>Thread-safe: sessions change and read it concurrently.
 */
public final class Catalog {
    private final CatalogStore store;
    private final Object lock = new Object();
    // @GuardedBy("lock"); keyed by lower-case name, in creation order
    private final Map<String, TableDefinition> tables = new LinkedHashMap<>();
    // @GuardedBy("lock")
    private final Map<String, ViewDefinition> views = new LinkedHashMap<>();
    // @GuardedBy("lock")
    private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();

    public Catalog(CatalogStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public CatalogStore store() {
        return store;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public void createTable(TableDefinition table, boolean ifNotExists) {
        synchronized (lock) {
            if (exists(table.name())) {
                if (ifNotExists) {
                    return;
                }
                throw new WeirException(ErrorCode.DUPLICATE_TABLE, "Table '" + table.name() + "' already exists");
            }
            tables.put(key(table.name()), table);
            persist();
        }
    }

    public void createView(ViewDefinition view, boolean ifNotExists) {
        synchronized (lock) {
            if (exists(view.name())) {
                if (ifNotExists) {
                    return;
                }
                throw new WeirException(ErrorCode.DUPLICATE_TABLE, "View '" + view.name() + "' already exists");
            }
            views.put(key(view.name()), view);
            persist();
        }
    }

    /** Drops a table; returns false when there was none. */
    public boolean dropTable(String name) {
        synchronized (lock) {
            if (views.containsKey(key(name))) {
                throw new WeirException(ErrorCode.WRONG_OBJECT_TYPE, "'" + name + "' is a view; use DROP VIEW");
            }
            boolean removed = tables.remove(key(name)) != null;
            if (removed) {
                persist();
            }
            return removed;
        }
    }

    public boolean dropView(String name) {
        synchronized (lock) {
            if (tables.containsKey(key(name))) {
                throw new WeirException(ErrorCode.WRONG_OBJECT_TYPE, "'" + name + "' is a table; use DROP TABLE");
            }
            boolean removed = views.remove(key(name)) != null;
            if (removed) {
                persist();
            }
            return removed;
        }
    }

    public Optional<TableDefinition> table(String name) {
        synchronized (lock) {
            return Optional.ofNullable(tables.get(key(name)));
        }
    }

    public Optional<ViewDefinition> view(String name) {
        synchronized (lock) {
            return Optional.ofNullable(views.get(key(name)));
        }
    }

    public boolean exists(String name) {
        synchronized (lock) {
            return tables.containsKey(key(name)) || views.containsKey(key(name));
        }
    }

    public List<TableDefinition> tables() {
        synchronized (lock) {
            return List.copyOf(tables.values());
        }
    }

    public List<ViewDefinition> views() {
        synchronized (lock) {
            return List.copyOf(views.values());
        }
    }

    /** Adds a user-defined function; a function of that name must not exist. */
    public void createFunction(FunctionDefinition function) {
        synchronized (lock) {
            if (functions.containsKey(key(function.name()))) {
                throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "Function '" + function.name() + "' already exists");
            }
            functions.put(key(function.name()), function);
            if (!function.temporary()) {
                persist();
            }
        }
    }

    /** Drops a function; returns false when there was none (of that kind, when {@code temporary} is given). */
    public boolean dropFunction(String name, boolean temporary) {
        synchronized (lock) {
            FunctionDefinition function = functions.get(key(name));
            if (function == null || function.temporary() != temporary) {
                return false;
            }
            functions.remove(key(name));
            if (!temporary) {
                persist();
            }
            return true;
        }
    }

    public Optional<FunctionDefinition> function(String name) {
        synchronized (lock) {
            return Optional.ofNullable(functions.get(key(name)));
        }
    }

    public List<FunctionDefinition> functions() {
        synchronized (lock) {
            return List.copyOf(functions.values());
        }
    }

    // Views may read tables created before them, and call functions, so the store keeps creation order
    // with the functions first.
    private void persist() {
        List<String> statements = new ArrayList<>();
        functions.values().stream().filter(f -> !f.temporary()).forEach(f -> statements.add(f.ddl()));
        tables.values().forEach(t -> statements.add(t.ddl()));
        views.values().forEach(v -> statements.add(v.ddl()));
        store.save(statements);
    }
}
