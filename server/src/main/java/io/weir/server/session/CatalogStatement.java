package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.server.pgcatalog.PgCatalog;
import io.weir.server.pgwire.PgParameterRewriter;
import io.weir.server.pgwire.PgPortal;
import io.weir.server.pgwire.PgPreparedStatement;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A catalog query ({@link PgCatalog}) prepared by the extended protocol, as drivers send their
 * metadata queries: {@code $n} parameters are bound as SQL literals, and the query runs when the
 * portal is first used. Session thread only.
 */
final class CatalogStatement implements PgPreparedStatement {
    private final String sql;
    private final PgParameterRewriter.Rewritten rewritten;
    private final List<DataType> parameterTypes;
    private final Supplier<Map<String, String>> settings;
    private final StatementRunner runner;

    CatalogStatement(String sql, List<DataType> declaredTypes, StatementRunner runner,
            Supplier<Map<String, String>> settings) {
        this.sql = requireNonNull(sql, "sql is null");
        this.rewritten = PgParameterRewriter.rewrite(sql);
        int count = Math.max(rewritten.parameterCount(), declaredTypes.size());
        List<DataType> types = new ArrayList<>(Collections.nCopies(count, DataType.of(TypeKind.STRING)));
        for (int i = 0; i < declaredTypes.size(); i++) {
            if (declaredTypes.get(i) != null) {
                types.set(i, declaredTypes.get(i));
            }
        }
        this.parameterTypes = List.copyOf(types);
        this.runner = runner;
        this.settings = settings;
    }

    /** Runs a catalog query of the simple protocol. */
    static PgCatalog.Result run(String sql, StatementRunner runner, Map<String, String> settings) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return PgCatalog.query(text, runner.planner().catalog(), settings);
    }

    @Override
    public List<DataType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public Optional<RowType> resultColumns() {
        List<Object> nulls = new ArrayList<>(Collections.nCopies(parameterTypes.size(), null));
        return Optional.of(run(bound(nulls), runner, settings.get()).columns());
    }

    @Override
    public PgPortal bind(List<Object> parameters) {
        String text = bound(parameters);
        return new PgPortal() {
            private PgCatalog.Result result;
            private int position;

            private PgCatalog.Result result() {
                if (result == null) {
                    result = run(text, runner, settings.get());
                }
                return result;
            }

            @Override
            public Optional<RowType> columns() {
                return Optional.of(result().columns());
            }

            @Override
            public boolean fetch(long maxRows, Consumer<Object[]> rows) {
                long limit = maxRows <= 0 ? Long.MAX_VALUE : maxRows;
                List<Object[]> all = result().rows();
                for (long sent = 0; position < all.size() && sent < limit; sent++) {
                    rows.accept(all.get(position++));
                }
                return position >= all.size();
            }

            @Override
            public String completionTag(long rowsInLastFetch) {
                return "SELECT " + rowsInLastFetch;
            }

            @Override
            public List<String> takeNotices() {
                return List.of();
            }

            @Override
            public void close() {
                result = null;
            }
        };
    }

    /** The query with each {@code $n} replaced by its value as a SQL literal. */
    private String bound(List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        String text = rewritten.sql();
        int marker = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                inString = !inString;
            }
            if (c == '?' && !inString && marker < rewritten.markerNumbers().size()) {
                int number = rewritten.markerNumbers().get(marker++);
                out.append(literal(number >= 1 && number <= parameters.size() ? parameters.get(number - 1) : null));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "CatalogStatement[" + sql + "]";
    }
}
