package io.weir.server.pgcatalog;

import io.weir.server.pgcatalog.PgCatalog.Snapshot;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a catalog query from PostgreSQL's dialect into what Calcite's Babel parser reads, outside
 * string literals: {@code OPERATOR(pg_catalog.~)} becomes {@code ~}; {@code COLLATE
 * pg_catalog.default} goes; casts to PostgreSQL's own types become casts to SQL types (OIDs and the
 * {@code reg*} types are BIGINTs, {@code name} and {@code text} VARCHARs), except that a literal
 * cast to {@code regclass} becomes the OID it names; a quoted number compared with an OID
 * ({@code c.oid = '16384'}) loses its quotes; {@code current_catalog} and {@code current_schema}
 * become function calls and {@code current_schemas(b)} the array of the search path.
 */
final class PgSqlRewriter {
    private static final Pattern OPERATOR = Pattern.compile("(?i)OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*([^)\\s]+)\\s*\\)");
    private static final Pattern COLLATE = Pattern.compile("(?i)\\s+COLLATE\\s+(pg_catalog\\s*\\.\\s*)?\"?default\"?");
    private static final Pattern REGCLASS_LITERAL = Pattern.compile(
            "(?i)('(?:[^']|'')*')\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?regclass");
    private static final Pattern PG_CAST = Pattern.compile(
            "(?i)::\\s*(?:pg_catalog\\s*\\.\\s*)?\"?(regclass|regtype|regproc|regprocedure|regnamespace|regrole|oid|xid"
                    + "|name|text|bpchar|char|varchar|int2|int4|int8|float4|float8|bool|int2vector|oidvector)\"?(?:(\\[\\])|\\b)");
    private static final Pattern CURRENT_CATALOG = Pattern.compile("(?i)\\bcurrent_catalog\\b(?!\\s*\\()");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile(
            "(?i)(?:pg_catalog\\s*\\.\\s*)?\\bcurrent_schema\\b(?:\\s*\\(\\s*\\))?");
    private static final Pattern CURRENT_USER = Pattern.compile("(?i)\\b(current_user|session_user)\\b(?!\\s*\\()");
    private static final Pattern CURRENT_SCHEMAS = Pattern.compile(
            "(?i)(?:pg_catalog\\s*\\.\\s*)?current_schemas\\s*\\(\\s*(true|false)\\s*\\)");
    private static final Pattern QUOTED_NUMBER_COMPARISON = Pattern.compile("(=|<>|!=)\\s*'(\\d+)'");

    private PgSqlRewriter() {
    }

    static String rewrite(String sql, Snapshot snapshot) {
        StringBuilder out = new StringBuilder(sql.length());
        // rewrite the text between string literals; keep the literals themselves as they are, except
        // where a pattern spans a literal (a literal cast to regclass, a quoted OID)
        String withLiterals = replace(REGCLASS_LITERAL, sql, m -> {
            String name = m.group(1).substring(1, m.group(1).length() - 1).replace("''", "'");
            Long oid = snapshot.oidOf(name);
            return oid == null ? "0" : String.valueOf(oid);
        });
        withLiterals = replace(QUOTED_NUMBER_COMPARISON, withLiterals, m -> m.group(1) + " " + m.group(2));
        int i = 0;
        while (i < withLiterals.length()) {
            int quote = withLiterals.indexOf('\'', i);
            if (quote < 0) {
                out.append(rewriteCode(withLiterals.substring(i)));
                break;
            }
            out.append(rewriteCode(withLiterals.substring(i, quote)));
            int end = quote + 1;
            while (end < withLiterals.length()) {
                if (withLiterals.charAt(end) == '\'') {
                    if (end + 1 < withLiterals.length() && withLiterals.charAt(end + 1) == '\'') {
                        end += 2;
                        continue;
                    }
                    break;
                }
                end++;
            }
            out.append(withLiterals, quote, Math.min(end + 1, withLiterals.length()));
            i = end + 1;
        }
        return out.toString();
    }

    private static String rewriteCode(String code) {
        String result = replace(OPERATOR, code, m -> " " + m.group(1) + " ");
        result = COLLATE.matcher(result).replaceAll("");
        result = CURRENT_CATALOG.matcher(result).replaceAll("current_database()");
        result = CURRENT_USER.matcher(result).replaceAll("'" + PgCatalog.OWNER + "'");
        // the search path as an array: pg_catalog is on it implicitly
        result = replace(CURRENT_SCHEMAS, result, m -> m.group(1).equalsIgnoreCase("true")
                ? "ARRAY['pg_catalog', '" + PgCatalog.PUBLIC_SCHEMA + "']" : "ARRAY['" + PgCatalog.PUBLIC_SCHEMA + "']");
        // Calcite's own CURRENT_SCHEMA cannot run in its enumerable engine
        result = CURRENT_SCHEMA.matcher(result).replaceAll("'" + PgCatalog.PUBLIC_SCHEMA + "'");
        result = replace(PG_CAST, result, m -> "::" + sqlType(m.group(1).toLowerCase(Locale.ROOT))
                + (m.group(2) == null ? "" : " ARRAY"));
        return result;
    }

    private static String sqlType(String pgType) {
        return switch (pgType) {
            case "name", "text", "bpchar", "char", "varchar", "int2vector", "oidvector" -> "VARCHAR";
            case "int2" -> "SMALLINT";
            case "int4" -> "INTEGER";
            case "float4" -> "REAL";
            case "float8" -> "DOUBLE";
            case "bool" -> "BOOLEAN";
            default -> "BIGINT";
        };
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
