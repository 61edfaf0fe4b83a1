package io.weir.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.Catalog;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * Runs a client's catalog query ({@code SELECT … FROM pg_catalog.pg_class …}, {@code SELECT
 * version()}) against {@code pg_catalog} and {@code information_schema} tables built from Weir's
 * catalog at that moment. The query is first brought from PostgreSQL's dialect into what Calcite's
 * Babel parser reads ({@link PgSqlRewriter}), then planned and run by Calcite in this thread.
 * Thread-safe: every call builds its own schema and connection.
 */
public final class PgCatalog {
    static final String DATABASE = "weir";
    static final String PUBLIC_SCHEMA = "public";
    static final String OWNER = "weir";
    static final String WEIR_VERSION = "0.1.0";

    private static final Pattern CATALOG_REFERENCE = Pattern.compile(
            "(?is)\\b(pg_catalog|information_schema)\\s*\\.|\\bpg_(class|namespace|attribute|type|database|settings|proc"
                    + "|roles|user|am|index|description|tables|views|matviews|tablespace)\\b"
                    + "|\\b(version|current_database|current_schema|pg_\\w+|has_\\w+_privilege|format_type|obj_description)\\s*\\("
                    + "|\\bcurrent_(catalog|schema|user)\\b");
    private static final Pattern READ_ONLY_QUERY = Pattern.compile("(?is)^\\s*(--[^\\n]*\\n\\s*)*\\(?\\s*(SELECT|WITH)\\b.*");
    private static final ThreadLocal<Snapshot> CURRENT = new ThreadLocal<>();
    /**
     * Catalogs that are always empty in Weir (no inheritance, indexes, constraints, policies, statistics objects, triggers,
     * rules, publications, partitioning or foreign tables). psql's \d asks about each with
     * PostgreSQL-only constructs (generate_series, array subscripts); such a query, when Calcite
     * cannot run it, has no rows.
     */
    private static final Pattern ALWAYS_EMPTY = Pattern.compile("(?i)\\bpg_catalog\\s*\\.\\s*pg_(inherits|policy"
            + "|statistic_ext|trigger|rewrite|publication|publication_rel|publication_namespace|foreign_table"
            + "|partitioned_table|extension|index|constraint)\\b");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PgCatalog.class);

    /** A catalog query's answer. */
    public record Result(RowType columns, List<Object[]> rows) {
    }

    private PgCatalog() {
    }

    /** Whether {@code sql} is one query that reads PostgreSQL's catalogs or functions, which this class answers. */
    public static boolean isCatalogQuery(String sql) {
        // a catalog name inside a string literal ('pg_class' as data) does not count
        String code = sql.replaceAll("'(?:[^']|'')*'", "''");
        return READ_ONLY_QUERY.matcher(sql).matches() && CATALOG_REFERENCE.matcher(code).find();
    }

    /** Runs {@code sql} over the catalogs of {@code catalog}, with the session's {@code settings} for current_setting. */
    public static Result query(String sql, Catalog catalog, Map<String, String> settings) {
        requireNonNull(sql, "sql is null");
        Snapshot snapshot = Snapshot.of(catalog, settings);
        String rewritten = PgSqlRewriter.rewrite(sql, snapshot);
        CURRENT.set(snapshot);
        try (Connection connection = DriverManager.getConnection("jdbc:calcite:", properties())) {
            SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
            SchemaPlus pgCatalog = root.add("pg_catalog", new org.apache.calcite.schema.impl.AbstractSchema());
            PgCatalogTables.addPgCatalog(pgCatalog, snapshot);
            PgCatalogTables.addInformationSchema(root.add("information_schema",
                    new org.apache.calcite.schema.impl.AbstractSchema()), snapshot);
            addFunctions(root);
            addFunctions(pgCatalog);
            connection.unwrap(CalciteConnection.class).setSchema("pg_catalog");
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(rewritten)) {
                List<String> names = PgColumnNames.of(sql, properties());
                return read(rows, names.isEmpty() ? PgColumnNames.of(rewritten, properties()) : names);
            }
        } catch (SQLException e) {
            if (ALWAYS_EMPTY.matcher(sql).find()) {
                LOG.debug("Catalog query over catalogs Weir keeps empty answered with no rows: {}", firstLine(e));
                return new Result(new RowType(List.of(new Field("?column?", DataType.of(TypeKind.STRING)))), List.of());
            }
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Weir cannot answer this catalog query: "
                    + firstLine(e), e);
        } finally {
            CURRENT.remove();
        }
    }

    /** The snapshot of the catalog query running on this thread (for functions that read it). */
    static Snapshot current() {
        Snapshot snapshot = CURRENT.get();
        if (snapshot == null) {
            throw new IllegalStateException("no catalog query is running on this thread");
        }
        return snapshot;
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("parserFactory", "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
        properties.setProperty("conformance", "BABEL");
        properties.setProperty("fun", "standard,postgresql");
        properties.setProperty("caseSensitive", "false");
        properties.setProperty("quoting", "DOUBLE_QUOTE");
        properties.setProperty("unquotedCasing", "TO_LOWER");
        properties.setProperty("quotedCasing", "UNCHANGED");
        return properties;
    }

    private static void addFunctions(SchemaPlus schema) {
        for (Method method : PgFunctions.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())) {
                schema.add(method.getName(), ScalarFunctionImpl.create(method));
            }
        }
    }

    private static Result read(ResultSet rows, List<String> names) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            // Calcite calls an unnamed expression EXPR$n; PostgreSQL names it after its function, or ?column?
            String name = label.matches("EXPR\\$\\d+") && i <= names.size() ? names.get(i - 1) : label;
            fields.add(new Field(name, typeOf(meta.getColumnType(i))));
        }
        List<Object[]> result = new ArrayList<>();
        while (rows.next()) {
            Object[] row = new Object[fields.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(rows, i + 1, fields.get(i).type().kind());
            }
            result.add(row);
        }
        return new Result(new RowType(fields), result);
    }

    private static DataType typeOf(int sqlType) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> DataType.of(TypeKind.BOOLEAN);
            case Types.SMALLINT, Types.TINYINT -> DataType.of(TypeKind.SMALLINT);
            case Types.INTEGER -> DataType.of(TypeKind.INT);
            case Types.BIGINT -> DataType.of(TypeKind.BIGINT);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> DataType.of(TypeKind.DOUBLE);
            default -> DataType.of(TypeKind.STRING);
        };
    }

    private static Object value(ResultSet rows, int column, TypeKind kind) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case BOOLEAN -> rows.getBoolean(column);
            case SMALLINT -> rows.getShort(column);
            case INT -> rows.getInt(column);
            case BIGINT -> rows.getLong(column);
            case DOUBLE -> rows.getDouble(column);
            default -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString().stripTrailing();
        };
    }

    private static String firstLine(SQLException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause().getMessage() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** What a catalog query sees: Weir's relations at the moment it started, and the session's settings. */
    record Snapshot(List<Relation> relations, Map<String, String> settings) {
        static Snapshot of(Catalog catalog, Map<String, String> settings) {
            List<Relation> relations = new ArrayList<>();
            catalog.tables().forEach(t -> relations.add(io.weir.planner.ddl.DdlExecutor.isMaterializedView(t)
                    ? new Relation(t.name(), "m", t.rowType(), io.weir.planner.ddl.DdlExecutor.materializedViewQuery(t))
                    : new Relation(t.name(), "r", t.rowType(), null)));
            catalog.views().forEach(v -> relations.add(new Relation(v.name(), "v", v.rowType(), v.query())));
            return new Snapshot(List.copyOf(relations), Map.copyOf(settings));
        }

        String viewDefinition(Long oid) {
            return relations.stream().filter(r -> oid != null && r.oid() == oid).map(Relation::definition)
                    .findFirst().orElse(null);
        }

        String setting(String name) {
            return name == null ? null : settings.get(name);
        }

        /** The OID of a relation by name (Weir's or a catalog table's), or null. */
        Long oidOf(String name) {
            String bare = name.replace("\"", "");
            int dot = bare.lastIndexOf('.');
            String relation = dot < 0 ? bare : bare.substring(dot + 1);
            for (Relation r : relations) {
                if (r.name().equalsIgnoreCase(relation)) {
                    return r.oid();
                }
            }
            Integer system = PgCatalogTables.SYSTEM_OIDS.get(relation.toLowerCase(java.util.Locale.ROOT));
            return system == null ? null : system.longValue();
        }
    }

    /** A table ('r'), view ('v') or materialized view ('m') of Weir's catalog, with a stable OID derived from its name. */
    record Relation(String name, String kind, RowType rowType, String definition) {
        long oid() {
            return 16384L + Math.floorMod(name.toLowerCase(java.util.Locale.ROOT).hashCode(), 1_000_000_000);
        }
    }
}
