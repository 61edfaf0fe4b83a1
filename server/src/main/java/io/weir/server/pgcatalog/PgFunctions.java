package io.weir.server.pgcatalog;

/**
 * PostgreSQL's catalog functions that psql, JDBC drivers and tools call, as Calcite scalar functions
 * (public static methods; NULL in, NULL out unless PostgreSQL says otherwise). Weir has one user
 * and no privileges, comments, defaults or indexes, and every relation is visible.
 */
public final class PgFunctions {
    private PgFunctions() {
    }

    public static String version() {
        return "PostgreSQL 15.0 (Weir " + PgCatalog.WEIR_VERSION + ", a streaming database)";
    }

    public static String current_database() {
        return PgCatalog.DATABASE;
    }

    public static String current_schema() {
        return PgCatalog.PUBLIC_SCHEMA;
    }

    public static String pg_get_userbyid(Long role) {
        return role == null ? null : PgCatalog.OWNER;
    }

    public static Boolean pg_table_is_visible(Long oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    public static Boolean pg_type_is_visible(Long oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    public static Boolean pg_function_is_visible(Long oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    /** The SQL name of a type with its modifier, as PostgreSQL's format_type prints it. */
    public static String format_type(Long type, Integer typmod) {
        return type == null ? null : PgTypes.format(type.intValue(), typmod == null ? -1 : typmod);
    }

    public static String pg_get_expr(String expression, Long relation) {
        return expression;
    }

    public static String pg_get_expr(String expression, Long relation, Boolean pretty) {
        return expression;
    }

    public static String obj_description(Long oid) {
        return null;
    }

    public static String obj_description(Long oid, String catalog) {
        return null;
    }

    public static String col_description(Long relation, Integer column) {
        return null;
    }

    public static String shobj_description(Long oid, String catalog) {
        return null;
    }

    public static String pg_encoding_to_char(Integer encoding) {
        return encoding == null ? null : "UTF8";
    }

    public static Boolean has_table_privilege(String table, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean has_table_privilege(Long table, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean has_schema_privilege(String schema, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean has_database_privilege(String database, String privilege) {
        return Boolean.TRUE;
    }

    public static String pg_get_viewdef(Long view) {
        return PgCatalog.current().viewDefinition(view);
    }

    public static String pg_get_viewdef(Long view, Boolean pretty) {
        return pg_get_viewdef(view);
    }

    public static String pg_get_statisticsobjdef_columns(Long statistics) {
        return null;
    }

    public static String pg_get_partkeydef(Long relation) {
        return null;
    }

    public static String pg_get_triggerdef(Long trigger) {
        return null;
    }

    public static String pg_get_triggerdef(Long trigger, Boolean pretty) {
        return null;
    }

    public static String pg_get_function_result(Long function) {
        return null;
    }

    public static String pg_get_function_arguments(Long function) {
        return null;
    }

    public static String pg_get_function_identity_arguments(Long function) {
        return null;
    }

    public static String pg_get_indexdef(Long index) {
        return null;
    }

    public static String pg_get_constraintdef(Long constraint) {
        return null;
    }

    public static String pg_get_constraintdef(Long constraint, Boolean pretty) {
        return null;
    }

    public static Long pg_relation_size(Long relation) {
        return relation == null ? null : 0L;
    }

    public static Long pg_total_relation_size(Long relation) {
        return relation == null ? null : 0L;
    }

    public static Long pg_table_size(Long relation) {
        return relation == null ? null : 0L;
    }

    public static String pg_size_pretty(Long bytes) {
        return bytes == null ? null : bytes + " bytes";
    }

    public static String quote_ident(String identifier) {
        if (identifier == null) {
            return null;
        }
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String current_setting(String name) {
        return PgCatalog.current().setting(name);
    }

    public static Boolean pg_is_in_recovery() {
        return Boolean.FALSE;
    }

    public static Integer pg_backend_pid() {
        return (int) ProcessHandle.current().pid();
    }

    public static String array_to_string(Object array, String separator) {
        if (array == null || separator == null) {
            return null;
        }
        if (array instanceof java.util.List<?> list) {
            StringBuilder text = new StringBuilder();
            for (Object element : list) {
                if (element != null) {
                    text.append(text.length() == 0 ? "" : separator).append(element);
                }
            }
            return text.toString();
        }
        return array.toString();
    }
}
