package io.weir.connector.jdbc;

import io.weir.spi.type.DataType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL the connector sends to PostgreSQL. The table name is used as written in
 * {@code 'table-name'} (it may carry a schema and quotes, as in Flink's PostgreSQL dialect); a column
 * name that is a plain identifier is sent unquoted, so PostgreSQL folds it to lower case as it does
 * for its own DDL, and any other name is quoted. Stateless.
 */
final class SqlStatements {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SqlStatements() {
    }

    static String column(String name) {
        if (PLAIN.matcher(name).matches()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String columns(List<String> names) {
        return names.stream().map(SqlStatements::column).collect(Collectors.joining(", "));
    }

    /** {@code SELECT cols FROM table} followed by {@code where} (may be empty). */
    static String select(List<String> names, String table, String where) {
        return "SELECT " + columns(names) + " FROM " + table + (where.isEmpty() ? "" : " WHERE " + where);
    }

    static String insert(List<String> names, String table) {
        return "INSERT INTO " + table + " (" + columns(names) + ") VALUES ("
                + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE SET} every non-key column (DO NOTHING when all are keys). */
    static String upsert(List<String> names, List<String> key, String table) {
        List<String> updated = names.stream().filter(n -> !key.contains(n)).toList();
        String action = updated.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updated.stream()
                .map(n -> column(n) + " = EXCLUDED." + column(n)).collect(Collectors.joining(", "));
        return insert(names, table) + " ON CONFLICT (" + columns(key) + ") " + action;
    }

    static String delete(List<String> key, String table) {
        return "DELETE FROM " + table + " WHERE " + key.stream().map(n -> column(n) + " = ?")
                .collect(Collectors.joining(" AND "));
    }

    /**
     * The rows whose key columns match one of the keys handed over as one array per key column:
     * {@code k = ANY(?)} for one column, a join with {@code unnest(?, ?)} for several.
     */
    static String lookup(List<String> names, List<String> key, List<DataType> keyTypes, String table) {
        if (key.size() == 1) {
            return select(names, table, column(key.get(0)) + " = ANY(?)");
        }
        StringBuilder unnest = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            unnest.append(i == 0 ? "" : ", ").append("?::").append(JdbcValues.postgresTypeName(keyTypes.get(i)))
                    .append("[]");
        }
        return select(names, table, "(" + columns(key) + ") IN (SELECT * FROM unnest(" + unnest + "))");
    }
}
