package io.weir.server.pgcatalog;

import io.weir.server.pgcatalog.PgCatalog.Relation;
import io.weir.server.pgcatalog.PgCatalog.Snapshot;
import io.weir.server.pgcatalog.RowsTable.Column;
import io.weir.server.pgwire.PgColumnType;
import io.weir.spi.type.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The tables of {@code pg_catalog} and {@code information_schema}, with the columns (a subset of
 * PostgreSQL 15's, in its order) that psql, JDBC drivers and common tools read. Weir's tables and
 * views live in schema {@code public}; catalogs Weir has nothing for (indexes, constraints,
 * comments, policies, triggers, publications) exist and are empty, so queries that join them work.
 */
final class PgCatalogTables {
    static final long PG_CATALOG_OID = 11;
    static final long PUBLIC_OID = 2200;
    static final long INFORMATION_SCHEMA_OID = 13_000;
    static final long OWNER_OID = 10;
    static final long DATABASE_OID = 16_383;
    /** OIDs of catalog tables that queries name with {@code 'pg_class'::regclass}. */
    static final Map<String, Integer> SYSTEM_OIDS = Map.of("pg_class", 1259, "pg_type", 1247, "pg_attribute", 1249,
            "pg_proc", 1255, "pg_namespace", 2615, "pg_database", 1262, "pg_constraint", 2606, "pg_index", 2610,
            "pg_description", 2609);

    private static final SqlTypeName OID = SqlTypeName.BIGINT;
    private static final SqlTypeName TEXT = SqlTypeName.VARCHAR;
    private static final SqlTypeName BOOL = SqlTypeName.BOOLEAN;
    private static final SqlTypeName INT = SqlTypeName.INTEGER;
    private static final SqlTypeName SHORT = SqlTypeName.SMALLINT;
    /** Marks an array column (OIDs, column numbers) in {@link #cols}; {@link #TEXT_ARRAY} one of strings. */
    private static final String OID_ARRAY = "oid[]";
    private static final String TEXT_ARRAY = "text[]";

    private PgCatalogTables() {
    }

    static void addPgCatalog(SchemaPlus schema, Snapshot snapshot) {
        schema.add("pg_namespace", table(cols("oid", OID, "nspname", TEXT, "nspowner", OID, "nspacl", TEXT), List.of(
                row(PG_CATALOG_OID, "pg_catalog", OWNER_OID, null), row(PUBLIC_OID, PgCatalog.PUBLIC_SCHEMA, OWNER_OID, null),
                row(INFORMATION_SCHEMA_OID, "information_schema", OWNER_OID, null))));
        schema.add("pg_class", pgClass(snapshot));
        schema.add("pg_attribute", pgAttribute(snapshot));
        schema.add("pg_type", pgType());
        schema.add("pg_database", table(cols("oid", OID, "datname", TEXT, "datdba", OID, "encoding", INT,
                "datlocprovider", TEXT, "datistemplate", BOOL, "datallowconn", BOOL, "datconnlimit", INT,
                "datcollate", TEXT, "datctype", TEXT, "daticulocale", TEXT, "datacl", TEXT, "dattablespace", OID),
                List.<Object[]>of(row(DATABASE_OID, PgCatalog.DATABASE, OWNER_OID, 6, "c", false, true, -1, "C.UTF-8", "C.UTF-8",
                        null, null, 1663L))));
        Object[] role = row(OWNER_OID, PgCatalog.OWNER, true, true, true, true, true, false, false, -1, null, null);
        List<Column> roleColumns = cols("oid", OID, "rolname", TEXT, "rolsuper", BOOL, "rolinherit", BOOL,
                "rolcreaterole", BOOL, "rolcreatedb", BOOL, "rolcanlogin", BOOL, "rolreplication", BOOL, "rolbypassrls",
                BOOL, "rolconnlimit", INT, "rolvaliduntil", TEXT, "rolconfig", TEXT);
        schema.add("pg_roles", table(roleColumns, List.<Object[]>of(role)));
        schema.add("pg_authid", table(roleColumns, List.<Object[]>of(role)));
        schema.add("pg_user", table(cols("usename", TEXT, "usesysid", OID, "usecreatedb", BOOL, "usesuper", BOOL),
                List.<Object[]>of(row(PgCatalog.OWNER, OWNER_OID, true, true))));
        schema.add("pg_am", table(cols("oid", OID, "amname", TEXT, "amhandler", TEXT, "amtype", TEXT),
                List.<Object[]>of(row(2L, "heap", "heap_tableam_handler", "t"))));
        schema.add("pg_tablespace", table(cols("oid", OID, "spcname", TEXT, "spcowner", OID),
                List.<Object[]>of(row(1663L, "pg_default", OWNER_OID))));
        schema.add("pg_collation", table(cols("oid", OID, "collname", TEXT, "collnamespace", OID), List.<Object[]>of(
                row(100L, "default", PG_CATALOG_OID))));
        schema.add("pg_settings", pgSettings(snapshot));
        schema.add("pg_proc", table(cols("oid", OID, "proname", TEXT, "pronamespace", OID, "proowner", OID,
                "prokind", TEXT, "prorettype", OID, "proargtypes", TEXT, "proretset", BOOL, "prosrc", TEXT), List.of()));
        schema.add("pg_description", table(cols("objoid", OID, "classoid", OID, "objsubid", INT, "description", TEXT),
                List.of()));
        schema.add("pg_shdescription", table(cols("objoid", OID, "classoid", OID, "description", TEXT), List.of()));
        schema.add("pg_attrdef", table(cols("oid", OID, "adrelid", OID, "adnum", SHORT, "adbin", TEXT), List.of()));
        schema.add("pg_index", table(cols("indexrelid", OID, "indrelid", OID, "indnatts", SHORT, "indnkeyatts", SHORT,
                "indisunique", BOOL, "indisprimary", BOOL, "indisexclusion", BOOL, "indimmediate", BOOL,
                "indisclustered", BOOL, "indisvalid", BOOL, "indisreplident", BOOL, "indkey", OID_ARRAY, "indexprs", TEXT,
                "indpred", TEXT), List.of()));
        schema.add("pg_constraint", table(cols("oid", OID, "conname", TEXT, "connamespace", OID, "contype", TEXT,
                "condeferrable", BOOL, "condeferred", BOOL, "convalidated", BOOL, "conrelid", OID, "contypid", OID,
                "conindid", OID, "conparentid", OID, "confrelid", OID, "conkey", OID_ARRAY, "confkey", OID_ARRAY,
                "conislocal", BOOL), List.of()));
        schema.add("pg_inherits", table(cols("inhrelid", OID, "inhparent", OID, "inhseqno", INT,
                "inhdetachpending", BOOL), List.of()));
        schema.add("pg_trigger", table(cols("oid", OID, "tgrelid", OID, "tgname", TEXT, "tgisinternal", BOOL,
                "tgenabled", TEXT), List.of()));
        schema.add("pg_rewrite", table(cols("oid", OID, "rulename", TEXT, "ev_class", OID), List.of()));
        schema.add("pg_policy", table(cols("oid", OID, "polname", TEXT, "polrelid", OID, "polcmd", TEXT,
                "polpermissive", BOOL, "polroles", OID_ARRAY, "polqual", TEXT, "polwithcheck", TEXT), List.of()));
        schema.add("pg_statistic_ext", table(cols("oid", OID, "stxrelid", OID, "stxname", TEXT, "stxnamespace", OID,
                "stxowner", OID, "stxstattarget", INT, "stxkeys", OID_ARRAY, "stxkind", TEXT_ARRAY), List.of()));
        schema.add("pg_publication", table(cols("oid", OID, "pubname", TEXT, "puballtables", BOOL), List.of()));
        schema.add("pg_publication_rel", table(cols("oid", OID, "prpubid", OID, "prrelid", OID), List.of()));
        schema.add("pg_publication_namespace", table(cols("oid", OID, "pnpubid", OID, "pnnspid", OID), List.of()));
        schema.add("pg_foreign_table", table(cols("ftrelid", OID, "ftserver", OID), List.of()));
        schema.add("pg_partitioned_table", table(cols("partrelid", OID, "partstrat", TEXT), List.of()));
        schema.add("pg_extension", table(cols("oid", OID, "extname", TEXT, "extversion", TEXT), List.of()));
        schema.add("pg_tables", table(cols("schemaname", TEXT, "tablename", TEXT, "tableowner", TEXT,
                "tablespace", TEXT, "hasindexes", BOOL, "hasrules", BOOL, "hastriggers", BOOL, "rowsecurity", BOOL),
                relationsOfKind(snapshot, "r").stream().map(r -> row(PgCatalog.PUBLIC_SCHEMA, r.name(), PgCatalog.OWNER,
                        null, false, false, false, false)).toList()));
        schema.add("pg_views", table(cols("schemaname", TEXT, "viewname", TEXT, "viewowner", TEXT, "definition", TEXT),
                relationsOfKind(snapshot, "v").stream().map(r -> row(PgCatalog.PUBLIC_SCHEMA, r.name(), PgCatalog.OWNER,
                        r.definition())).toList()));
        schema.add("pg_matviews", table(cols("schemaname", TEXT, "matviewname", TEXT, "matviewowner", TEXT,
                "definition", TEXT, "ispopulated", BOOL), relationsOfKind(snapshot, "m").stream().map(r -> row(
                        PgCatalog.PUBLIC_SCHEMA, r.name(), PgCatalog.OWNER, r.definition(), true)).toList()));
    }

    static void addInformationSchema(SchemaPlus schema, Snapshot snapshot) {
        List<Object[]> tables = new ArrayList<>();
        List<Object[]> columns = new ArrayList<>();
        List<Object[]> views = new ArrayList<>();
        for (Relation relation : snapshot.relations()) {
            // PostgreSQL lists materialized views in neither information_schema.tables nor .views
            if (relation.kind().equals("m")) {
                continue;
            }
            String type = relation.kind().equals("r") ? "BASE TABLE" : "VIEW";
            tables.add(row(PgCatalog.DATABASE, PgCatalog.PUBLIC_SCHEMA, relation.name(), type, null, null, null, null,
                    null, "NO", "NO", null));
            if (!relation.kind().equals("r")) {
                views.add(row(PgCatalog.DATABASE, PgCatalog.PUBLIC_SCHEMA, relation.name(), relation.definition(),
                        "NONE", "NO", "NO", "NO", "NO", "NO"));
            }
            int position = 1;
            for (Field field : relation.rowType().fields()) {
                PgColumnType pg = PgColumnType.of(field.type());
                String dataType = PgTypes.format(pg.oid(), -1);
                Integer length = field.type().kind().isCharacter() && field.type().precision() > 0
                        ? field.type().precision() : null;
                Integer precision = field.type().kind() == io.weir.spi.type.TypeKind.DECIMAL ? field.type().precision() : null;
                Integer scale = field.type().kind() == io.weir.spi.type.TypeKind.DECIMAL ? field.type().scale() : null;
                columns.add(row(PgCatalog.DATABASE, PgCatalog.PUBLIC_SCHEMA, relation.name(), field.name(), position++,
                        null, field.type().nullable() ? "YES" : "NO", dataType, length, precision, scale,
                        PgTypes.BY_OID.containsKey(pg.oid()) ? PgTypes.BY_OID.get(pg.oid()).name() : dataType, "NO", "NEVER"));
            }
        }
        schema.add("tables", table(cols("table_catalog", TEXT, "table_schema", TEXT, "table_name", TEXT, "table_type",
                TEXT, "self_referencing_column_name", TEXT, "reference_generation", TEXT, "user_defined_type_catalog",
                TEXT, "user_defined_type_schema", TEXT, "user_defined_type_name", TEXT, "is_insertable_into", TEXT,
                "is_typed", TEXT, "commit_action", TEXT), tables));
        schema.add("columns", table(cols("table_catalog", TEXT, "table_schema", TEXT, "table_name", TEXT,
                "column_name", TEXT, "ordinal_position", INT, "column_default", TEXT, "is_nullable", TEXT, "data_type",
                TEXT, "character_maximum_length", INT, "numeric_precision", INT, "numeric_scale", INT, "udt_name", TEXT,
                "is_identity", TEXT, "is_generated", TEXT), columns));
        schema.add("schemata", table(cols("catalog_name", TEXT, "schema_name", TEXT, "schema_owner", TEXT), List.of(
                row(PgCatalog.DATABASE, "pg_catalog", PgCatalog.OWNER), row(PgCatalog.DATABASE, "information_schema",
                        PgCatalog.OWNER), row(PgCatalog.DATABASE, PgCatalog.PUBLIC_SCHEMA, PgCatalog.OWNER))));
        schema.add("views", table(cols("table_catalog", TEXT, "table_schema", TEXT, "table_name", TEXT,
                "view_definition", TEXT, "check_option", TEXT, "is_updatable", TEXT, "is_insertable_into", TEXT,
                "is_trigger_updatable", TEXT, "is_trigger_deletable", TEXT, "is_trigger_insertable_into", TEXT), views));
    }

    private static RowsTable pgClass(Snapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation relation : snapshot.relations()) {
            rows.add(row(relation.oid(), relation.name(), PUBLIC_OID, 0L, 0L, OWNER_OID, relation.kind().equals("r") ? 2L : 0L,
                    0L, 0L, 0, -1.0d, 0, 0L, false, false, "p", relation.kind(), (short) relation.rowType().size(),
                    (short) 0, false, false, false, false, false, true, "d", false, null, null, null));
        }
        return table(cols("oid", OID, "relname", TEXT, "relnamespace", OID, "reltype", OID, "reloftype", OID,
                "relowner", OID, "relam", OID, "relfilenode", OID, "reltablespace", OID, "relpages", INT, "reltuples",
                SqlTypeName.DOUBLE, "relallvisible", INT, "reltoastrelid", OID, "relhasindex", BOOL, "relisshared", BOOL,
                "relpersistence", TEXT, "relkind", TEXT, "relnatts", SHORT, "relchecks", SHORT, "relhasrules", BOOL,
                "relhastriggers", BOOL, "relhassubclass", BOOL, "relrowsecurity", BOOL, "relforcerowsecurity", BOOL,
                "relispopulated", BOOL, "relreplident", TEXT, "relispartition", BOOL, "relacl", TEXT, "reloptions", TEXT,
                "relpartbound", TEXT), rows);
    }

    private static RowsTable pgAttribute(Snapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation relation : snapshot.relations()) {
            short number = 1;
            for (Field field : relation.rowType().fields()) {
                PgColumnType pg = PgColumnType.of(field.type());
                rows.add(row(relation.oid(), field.name(), (long) pg.oid(), -1, (short) pg.size(), number++, 0, pg.typmod(),
                        false, !field.type().nullable(), false, "", "", false, 0L));
            }
        }
        return table(cols("attrelid", OID, "attname", TEXT, "atttypid", OID, "attstattarget", INT, "attlen", SHORT,
                "attnum", SHORT, "attndims", INT, "atttypmod", INT, "attbyval", BOOL, "attnotnull", BOOL, "atthasdef",
                BOOL, "attidentity", TEXT, "attgenerated", TEXT, "attisdropped", BOOL, "attcollation", OID), rows);
    }

    private static RowsTable pgType() {
        List<Object[]> rows = new ArrayList<>();
        for (PgTypes.Type type : PgTypes.BY_OID.values()) {
            rows.add(row((long) type.oid(), type.name(), PG_CATALOG_OID, OWNER_OID, (short) type.length(),
                    type.length() > 0 && type.length() <= 8, type.elementOid() != 0 ? "b" : "b", type.category(), true,
                    ",", 0L, (long) type.elementOid(), (long) type.arrayOid(), 0L, -1, 0, 0L, null, false, "p", "i", false,
                    null, type.name() + "in", type.name() + "out"));
        }
        return table(cols("oid", OID, "typname", TEXT, "typnamespace", OID, "typowner", OID, "typlen", SHORT,
                "typbyval", BOOL, "typtype", TEXT, "typcategory", TEXT, "typisdefined", BOOL, "typdelim", TEXT,
                "typrelid", OID, "typelem", OID, "typarray", OID, "typbasetype", OID, "typtypmod", INT, "typndims", INT,
                "typcollation", OID, "typdefault", TEXT, "typnotnull", BOOL, "typstorage", TEXT, "typalign", TEXT,
                "typispreferred", BOOL, "typacl", TEXT, "typinput", TEXT, "typoutput", TEXT), rows);
    }

    private static RowsTable pgSettings(Snapshot snapshot) {
        Map<String, String> settings = new LinkedHashMap<>(snapshot.settings());
        List<Object[]> rows = new ArrayList<>();
        settings.forEach((name, value) -> rows.add(row(name, value, null, "Weir", "", "user", "string")));
        return table(cols("name", TEXT, "setting", TEXT, "unit", TEXT, "category", TEXT, "short_desc", TEXT,
                "context", TEXT, "vartype", TEXT), rows);
    }

    private static List<Relation> relationsOfKind(Snapshot snapshot, String kind) {
        return snapshot.relations().stream().filter(r -> r.kind().equals(kind)).toList();
    }

    private static RowsTable table(List<Column> columns, List<Object[]> rows) {
        return new RowsTable(columns, rows);
    }

    private static List<Column> cols(Object... namesAndTypes) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            Object type = namesAndTypes[i + 1];
            if (type == OID_ARRAY || type == TEXT_ARRAY) {
                columns.add(new Column((String) namesAndTypes[i], SqlTypeName.ARRAY,
                        type == OID_ARRAY ? SqlTypeName.BIGINT : SqlTypeName.CHAR));
            } else {
                columns.add(new Column((String) namesAndTypes[i], (SqlTypeName) type, null));
            }
        }
        return columns;
    }

    private static Object[] row(Object... values) {
        return values;
    }
}
