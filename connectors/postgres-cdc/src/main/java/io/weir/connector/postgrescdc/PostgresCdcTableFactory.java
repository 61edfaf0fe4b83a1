package io.weir.connector.postgrescdc;

import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code postgres-cdc} connector (source only): a PostgreSQL table's snapshot, then its
 * changes, as a changelog ({@link ChangelogMode#ALL}). Options as in Flink CDC
 * ({@link PostgresCdcOptions}); the table must declare {@code PRIMARY KEY (...) NOT ENFORCED}.
 * Readable metadata, as Flink CDC offers it: {@code database_name}, {@code schema_name},
 * {@code table_name}, {@code op_ts} (the commit time; 0 for snapshot rows), plus Weir's
 * {@code lsn} (the commit LSN of the change's transaction; for snapshot rows the LSN the snapshot is
 * consistent at, so that ordering rows by it orders them as PostgreSQL applied them).
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresCdcTableFactory implements TableFactory {
    static final String DATABASE_NAME = "database_name";
    static final String SCHEMA_NAME = "schema_name";
    static final String TABLE_NAME = "table_name";
    static final String OP_TS = "op_ts";
    static final String LSN = "lsn";

    private static final Set<TypeKind> SUPPORTED = Set.of(TypeKind.BOOLEAN, TypeKind.TINYINT, TypeKind.SMALLINT,
            TypeKind.INT, TypeKind.BIGINT, TypeKind.FLOAT, TypeKind.DOUBLE, TypeKind.DECIMAL, TypeKind.CHAR,
            TypeKind.STRING, TypeKind.BYTES, TypeKind.DATE, TypeKind.TIME, TypeKind.TIMESTAMP, TypeKind.TIMESTAMP_LTZ,
            TypeKind.ARRAY);

    @Override
    public String identifier() {
        return "postgres-cdc";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return PostgresCdcOptions.ALL;
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return ChangelogMode.ALL;
    }

    @Override
    public Map<String, DataType> readableMetadata() {
        Map<String, DataType> keys = new LinkedHashMap<>();
        keys.put(DATABASE_NAME, DataType.of(TypeKind.STRING).withNullable(false));
        keys.put(SCHEMA_NAME, DataType.of(TypeKind.STRING).withNullable(false));
        keys.put(TABLE_NAME, DataType.of(TypeKind.STRING).withNullable(false));
        keys.put(OP_TS, DataType.of(TypeKind.TIMESTAMP_LTZ).withNullable(false));
        keys.put(LSN, DataType.of(TypeKind.BIGINT).withNullable(false));
        return keys;
    }

    @Override
    public void validate(TableContext context) {
        config(context);
    }

    @Override
    public TableSource createSource(TableContext context) {
        return new PostgresCdcSource(config(context));
    }

    private CdcConfig config(TableContext context) {
        String table = context.tableName();
        Options options = context.options();
        String plugin = options.get(PostgresCdcOptions.DECODING_PLUGIN_NAME);
        if (!plugin.equals("pgoutput")) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + plugin + "' for option '"
                    + PostgresCdcOptions.DECODING_PLUGIN_NAME.key() + "' of table '" + table
                    + "': expected pgoutput (the only decoding plugin postgres-cdc supports; it is built into "
                    + "PostgreSQL 10 and later)");
        }
        if (context.primaryKey().isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + table + "' (connector 'postgres-cdc') needs "
                    + "a primary key: declare PRIMARY KEY (...) NOT ENFORCED with the PostgreSQL table's key columns; "
                    + "the snapshot is read in chunks of it and changes are matched to it");
        }
        for (String key : context.metadataKeys()) {
            if (!readableMetadata().containsKey(key)) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + table + "' reads metadata '" + key
                        + "', which connector 'postgres-cdc' does not offer; available keys: "
                        + String.join(", ", readableMetadata().keySet()));
            }
        }
        for (Field field : context.schema().fields()) {
            checkType(table, field.name(), field.type());
        }
        String slot = options.get(PostgresCdcOptions.SLOT_NAME);
        if (!slot.matches("[a-z0-9_]{1,50}")) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + slot + "' for option 'slot.name' of "
                    + "table '" + table + "': expected lower-case letters, digits and underscores (at most 50), "
                    + "as PostgreSQL requires of slot names");
        }
        boolean snapshot = options.get(PostgresCdcOptions.STARTUP_MODE).equals("initial");
        boolean chunked = options.get(PostgresCdcOptions.INCREMENTAL_SNAPSHOT);
        return new CdcConfig(options.get(PostgresCdcOptions.HOSTNAME), options.get(PostgresCdcOptions.PORT).intValue(),
                options.get(PostgresCdcOptions.USERNAME), options.getOptional(PostgresCdcOptions.PASSWORD).orElse(null),
                options.get(PostgresCdcOptions.DATABASE_NAME), options.get(PostgresCdcOptions.SCHEMA_NAME),
                options.get(PostgresCdcOptions.TABLE_NAME), slot, options.get(PostgresCdcOptions.PUBLICATION_NAME),
                snapshot, chunked ? (int) Math.min(Integer.MAX_VALUE, options.get(PostgresCdcOptions.CHUNK_SIZE)) : 0,
                (int) Math.min(Integer.MAX_VALUE, options.get(PostgresCdcOptions.FETCH_SIZE)),
                options.get(PostgresCdcOptions.HEARTBEAT_INTERVAL), options.get(PostgresCdcOptions.CONNECT_TIMEOUT),
                context.schema(), context.primaryKey(), context.metadataKeys(), 1);
    }

    private static void checkType(String table, String column, DataType type) {
        if (!SUPPORTED.contains(type.kind())) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Column '" + column + "' of table '" + table
                    + "' has type " + type + ", which postgres-cdc cannot read; supported: BOOLEAN, TINYINT, SMALLINT, "
                    + "INT, BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR, STRING, BYTES, DATE, TIME, TIMESTAMP, "
                    + "TIMESTAMP_LTZ and ARRAY of these");
        }
        if (type.kind() == TypeKind.ARRAY) {
            checkType(table, column, type.children().get(0).type());
        }
    }
}
