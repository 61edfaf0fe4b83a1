package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.RowType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The validated settings of one {@code postgres-cdc} table, and how to connect with them. The
 * password is kept out of {@link #toString()} so that it never reaches a log or an error.
 *
 * @param columns the table's physical columns as Weir declares them (matched by name to PostgreSQL's)
 * @param primaryKey the declared primary key columns, in order (never empty)
 * @param metadataKeys the metadata a reader appends after the physical columns, in order
 * @param snapshotThreads how many connections read snapshot chunks in parallel
 */
record CdcConfig(String hostname, int port, String username, String password, String database, String schema,
        String table, String slot, String publication, boolean snapshot, int chunkSize, int fetchSize,
        Duration heartbeat, Duration connectTimeout, RowType columns, List<String> primaryKey,
        List<String> metadataKeys, int snapshotThreads) {
    CdcConfig {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(username, "username is null");
        requireNonNull(database, "database is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(slot, "slot is null");
        requireNonNull(publication, "publication is null");
        requireNonNull(columns, "columns is null");
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        metadataKeys = List.copyOf(requireNonNull(metadataKeys, "metadataKeys is null"));
    }

    CdcConfig withSnapshotThreads(int threads) {
        return new CdcConfig(hostname, port, username, password, database, schema, table, slot, publication, snapshot,
                chunkSize, fetchSize, heartbeat, connectTimeout, columns, primaryKey, metadataKeys, threads);
    }

    /** {@code "schema"."table"}, quoted for SQL. */
    String qualifiedTable() {
        return Sql.ident(schema) + "." + Sql.ident(table);
    }

    /** A plain connection (snapshot reads, catalog queries). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), properties(false));
    }

    /** A replication connection ({@code replication=database}, simple query protocol). */
    Connection connectForReplication() throws SQLException {
        return DriverManager.getConnection(url(), properties(true));
    }

    private String url() {
        return "jdbc:postgresql://" + hostname + ":" + port + "/" + database;
    }

    private Properties properties(boolean replication) {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("ApplicationName", "weir-postgres-cdc");
        if (replication) {
            properties.setProperty("assumeMinServerVersion", "10");
            properties.setProperty("replication", "database");
            properties.setProperty("preferQueryMode", "simple");
        }
        return properties;
    }

    @Override
    public String toString() {
        return "postgres-cdc " + username + "@" + hostname + ":" + port + "/" + database + " " + qualifiedTable()
                + " slot " + slot;
    }
}
