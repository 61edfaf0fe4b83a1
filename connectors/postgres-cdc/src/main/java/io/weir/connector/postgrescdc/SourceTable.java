package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captured table as PostgreSQL describes it: for each column Weir declares, the PostgreSQL
 * column it reads (matched by name, exactly or else ignoring case), its type as SQL spells it
 * ({@code format_type}) and whether it sorts by a collation; plus the table's replica identity.
 * Also prepares the server: the publication and the replication slot are created when missing.
 *
 * @param pgColumns PostgreSQL's name of each declared column, in declaration order
 * @param pgTypes the SQL type of each declared column, e.g. {@code numeric(12,2)}
 * @param collatable whether each declared column sorts by a collation (text types)
 * @param keyIndexes the positions of the primary key columns among the declared columns
 */
record SourceTable(List<String> pgColumns, List<String> pgTypes, List<Boolean> collatable, int[] keyIndexes,
        char replicaIdentity) {
    private static final Logger LOG = LoggerFactory.getLogger(SourceTable.class);

    SourceTable {
        pgColumns = List.copyOf(requireNonNull(pgColumns, "pgColumns is null"));
        pgTypes = List.copyOf(requireNonNull(pgTypes, "pgTypes is null"));
        collatable = List.copyOf(requireNonNull(collatable, "collatable is null"));
    }

    /** Reads the table's columns and checks that every declared column is there. */
    static SourceTable describe(CdcConfig config, Connection connection) throws SQLException {
        Map<String, String[]> byName = new LinkedHashMap<>();
        char identity;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typcollation <> 0, c.relreplident "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN pg_attribute a ON a.attrelid = c.oid JOIN pg_type t ON t.oid = a.atttypid "
                        + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                        + "ORDER BY a.attnum")) {
            statement.setString(1, config.schema());
            statement.setString(2, config.table());
            identity = 'd';
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byName.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                    identity = rows.getString(4).charAt(0);
                }
            }
        }
        if (byName.isEmpty()) {
            throw new WeirException(ErrorCode.UNDEFINED_TABLE, "postgres-cdc: table " + config.qualifiedTable()
                    + " does not exist in database '" + config.database() + "' (options 'schema-name', 'table-name')");
        }
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Boolean> collatable = new ArrayList<>();
        for (Field field : config.columns().fields()) {
            String pgName = match(byName, field.name());
            if (pgName == null) {
                throw new WeirException(ErrorCode.UNDEFINED_COLUMN, "postgres-cdc: column '" + field.name()
                        + "' is not in PostgreSQL table " + config.qualifiedTable() + ", which has: "
                        + String.join(", ", byName.keySet()));
            }
            names.add(pgName);
            types.add(byName.get(pgName)[0]);
            collatable.add(byName.get(pgName)[1].equals("t") || byName.get(pgName)[1].equals("true"));
        }
        int[] keys = new int[config.primaryKey().size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = config.columns().names().indexOf(config.primaryKey().get(i));
        }
        if (identity != 'f') {
            LOG.warn("Table {} has REPLICA IDENTITY {} rather than FULL: updates and deletes carry only the key "
                    + "columns of the old row, so -U and -D rows have NULL in the other columns", config.qualifiedTable(),
                    identity == 'd' ? "DEFAULT" : identity == 'n' ? "NOTHING" : "USING INDEX");
        }
        return new SourceTable(names, types, collatable, keys, identity);
    }

    private static String match(Map<String, String[]> byName, String name) {
        if (byName.containsKey(name)) {
            return name;
        }
        for (String candidate : byName.keySet()) {
            if (candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        return null;
    }

    /** Creates the publication for the table when there is none, or adds the table to it. */
    static void ensurePublication(CdcConfig config, Connection connection) throws SQLException {
        boolean exists;
        boolean hasTable;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = ?), EXISTS (SELECT 1 FROM "
                        + "pg_publication_tables WHERE pubname = ? AND schemaname = ? AND tablename = ?)")) {
            statement.setString(1, config.publication());
            statement.setString(2, config.publication());
            statement.setString(3, config.schema());
            statement.setString(4, config.table());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                exists = rows.getBoolean(1);
                hasTable = rows.getBoolean(2);
            }
        }
        try (Statement statement = connection.createStatement()) {
            if (!exists) {
                LOG.info("Creating publication {} for table {}", config.publication(), config.qualifiedTable());
                statement.execute("CREATE PUBLICATION " + Sql.ident(config.publication()) + " FOR TABLE "
                        + config.qualifiedTable());
            } else if (!hasTable) {
                LOG.info("Adding table {} to publication {}", config.qualifiedTable(), config.publication());
                statement.execute("ALTER PUBLICATION " + Sql.ident(config.publication()) + " ADD TABLE "
                        + config.qualifiedTable());
            }
        }
    }

    /**
     * Creates the permanent replication slot when missing; checks an existing one uses pgoutput in
     * this database. Created without a snapshot: the snapshot is read from a temporary slot's.
     *
     * @return whether the slot had to be created
     */
    static boolean ensureSlot(CdcConfig config, Connection plain) throws SQLException {
        try (PreparedStatement statement = plain.prepareStatement(
                "SELECT plugin, database FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, config.slot());
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    if (!"pgoutput".equals(rows.getString(1)) || !config.database().equals(rows.getString(2))) {
                        throw new WeirException(ErrorCode.INVALID_OPTION, "Replication slot '" + config.slot()
                                + "' (option 'slot.name') already exists for plugin '" + rows.getString(1)
                                + "' in database '" + rows.getString(2) + "'; postgres-cdc needs a pgoutput slot in '"
                                + config.database() + "': choose another slot name or drop that slot");
                    }
                    return false;
                }
            }
        }
        LOG.info("Creating replication slot {} (pgoutput)", config.slot());
        try (Connection replication = config.connectForReplication(); Statement statement = replication.createStatement()) {
            statement.execute("CREATE_REPLICATION_SLOT " + Sql.ident(config.slot()) + " LOGICAL pgoutput NOEXPORT_SNAPSHOT");
        }
        return true;
    }
}
