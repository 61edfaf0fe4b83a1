package io.weir.connector.postgrescdc;

/** Quoting for the SQL this connector sends to PostgreSQL. Stateless. */
final class Sql {
    private Sql() {
    }

    /** An identifier in double quotes, with embedded quotes doubled. */
    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string literal in single quotes, with embedded quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
