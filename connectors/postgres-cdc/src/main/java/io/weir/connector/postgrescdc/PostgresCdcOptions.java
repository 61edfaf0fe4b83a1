package io.weir.connector.postgrescdc;

import io.weir.spi.connector.ConfigOption;
import java.time.Duration;
import java.util.List;

/**
 * The options of the {@code postgres-cdc} connector, with Flink CDC's names and defaults where Flink
 * CDC has them. Differences: {@code decoding.plugin.name} defaults to (and only accepts)
 * {@code pgoutput}, which needs nothing installed on the server.
 */
final class PostgresCdcOptions {
    static final ConfigOption<String> HOSTNAME = ConfigOption.string("hostname", null,
            "the PostgreSQL server's host name or IP address");
    static final ConfigOption<Long> PORT = ConfigOption.longValue("port", 5432L, 1,
            "the PostgreSQL server's port");
    static final ConfigOption<String> USERNAME = ConfigOption.string("username", null,
            "the user to connect as (needs the REPLICATION attribute and SELECT on the table)");
    static final ConfigOption<String> PASSWORD = ConfigOption.string("password", null,
            "the user's password").asSensitive();
    static final ConfigOption<String> DATABASE_NAME = ConfigOption.string("database-name", null,
            "the database that holds the table");
    static final ConfigOption<String> SCHEMA_NAME = ConfigOption.string("schema-name", "public",
            "the schema that holds the table");
    static final ConfigOption<String> TABLE_NAME = ConfigOption.string("table-name", null,
            "the table to capture");
    static final ConfigOption<String> SLOT_NAME = ConfigOption.string("slot.name", null,
            "the logical replication slot to stream from (created when missing)");
    static final ConfigOption<String> DECODING_PLUGIN_NAME = ConfigOption.string("decoding.plugin.name", "pgoutput",
            "the logical decoding plugin; only 'pgoutput' is supported");
    static final ConfigOption<String> PUBLICATION_NAME = ConfigOption.string("debezium.publication.name",
            "dbz_publication", "the publication the slot streams (created for the table when missing)");
    static final ConfigOption<String> STARTUP_MODE = ConfigOption.enumeration("scan.startup.mode", "initial",
            "'initial': snapshot the table, then stream its changes; 'latest-offset': only the changes from now on",
            "initial", "latest-offset");
    static final ConfigOption<Long> CHUNK_SIZE = ConfigOption.longValue("scan.incremental.snapshot.chunk.size",
            8096L, 1, "rows per chunk of the primary key read by the snapshot");
    static final ConfigOption<Boolean> INCREMENTAL_SNAPSHOT = ConfigOption.booleanValue(
            "scan.incremental.snapshot.enabled", true, "read the snapshot in chunks of the primary key");
    static final ConfigOption<Long> FETCH_SIZE = ConfigOption.longValue("scan.snapshot.fetch.size", 1024L, 1,
            "rows fetched per round trip while reading a snapshot chunk");
    static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOption.duration("heartbeat.interval",
            Duration.ofSeconds(30), "how often the reader reports its position to the server while streaming, "
                    + "which lets an idle table's slot advance");
    static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOption.duration("connect.timeout",
            Duration.ofSeconds(30), "how long to wait for a connection to the server");
    static final ConfigOption<String> CHANGELOG_MODE = ConfigOption.enumeration("changelog-mode", "all",
            "which changes the source emits; only 'all' (+I, -U, +U, -D) is supported", "all");

    static final List<ConfigOption<?>> ALL = List.of(HOSTNAME, PORT, USERNAME, PASSWORD, DATABASE_NAME, SCHEMA_NAME,
            TABLE_NAME, SLOT_NAME, DECODING_PLUGIN_NAME, PUBLICATION_NAME, STARTUP_MODE, CHUNK_SIZE,
            INCREMENTAL_SNAPSHOT, FETCH_SIZE, HEARTBEAT_INTERVAL, CONNECT_TIMEOUT, CHANGELOG_MODE);

    private PostgresCdcOptions() {
    }
}
