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
 * <p>Temporary functions belong to one session, as in Flink: each session works on its own
 * {@link #forSession()} view, which shares the tables, views and stored functions but keeps the
 * temporary functions created through it, so they are gone when the session (and its view) is.
 * A temporary function shadows a stored one of the same name in its session.
 *
 * <p>Thread-safe: sessions change and read it concurrently.
 */
public final class Catalog {
    private final CatalogStore store;
    private final Object lock;
    // @GuardedBy("lock"); keyed by lower-case name, in creation order; shared by every session's view
    private final Map<String, TableDefinition> tables;
    // @GuardedBy("lock")
    private final Map<String, ViewDefinition> views;
    // @GuardedBy("lock"); the stored functions
    private final Map<String, FunctionDefinition> functions;
    // @GuardedBy("lock"); this view's session's own
    private final Map<String, FunctionDefinition> temporaryFunctions = new LinkedHashMap<>();

    public Catalog(CatalogStore store) {
        this(requireNonNull(store, "store is null"), new Object(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>());
    }

    private Catalog(CatalogStore store, Object lock, Map<String, TableDefinition> tables,
            Map<String, ViewDefinition> views, Map<String, FunctionDefinition> functions) {
        this.store = store;
        this.lock = lock;
        this.tables = tables;
        this.views = views;
        this.functions = functions;
    }

    /** A view of this catalog for a new session: the same shared objects, no temporary functions yet. */
    public Catalog forSession() {
        return new Catalog(store, lock, tables, views, functions);
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

    /**
     * Adds a user-defined function: a stored one for every session, a temporary one for this view's
     * session only. A function of that name must not be visible here.
     */
    public void createFunction(FunctionDefinition function) {
        synchronized (lock) {
            if (function(function.name()).isPresent()) {
                throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "Function '" + function.name() + "' already exists");
            }
            if (function.temporary()) {
                temporaryFunctions.put(key(function.name()), function);
            } else {
                functions.put(key(function.name()), function);
                persist();
            }
        }
    }

    /** Drops a stored or (this session's) temporary function; returns false when there was none of that kind. */
    public boolean dropFunction(String name, boolean temporary) {
        synchronized (lock) {
            if (temporary) {
                return temporaryFunctions.remove(key(name)) != null;
            }
            boolean removed = functions.remove(key(name)) != null;
            if (removed) {
                persist();
            }
            return removed;
        }
    }

    /** The function of that name this session sees: its temporary one, else the stored one. */
    public Optional<FunctionDefinition> function(String name) {
        synchronized (lock) {
            FunctionDefinition temporary = temporaryFunctions.get(key(name));
            return Optional.ofNullable(temporary != null ? temporary : functions.get(key(name)));
        }
    }

    /** The functions this session sees, each name once (a temporary one in place of a stored one). */
    public List<FunctionDefinition> functions() {
        synchronized (lock) {
            Map<String, FunctionDefinition> visible = new LinkedHashMap<>(functions);
            visible.putAll(temporaryFunctions);
            return List.copyOf(visible.values());
        }
    }

    // Views may read tables created before them, and call functions, so the store keeps creation order
    // with the functions first.
    private void persist() {
        List<String> statements = new ArrayList<>();
        functions.values().forEach(f -> statements.add(f.ddl()));
        tables.values().forEach(t -> statements.add(t.ddl()));
        views.values().forEach(v -> statements.add(v.ddl()));
        store.save(statements);
    }
}
