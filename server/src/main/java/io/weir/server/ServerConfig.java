package io.weir.server;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How to start the embedded server.
 *
 * @param host the address every listener binds to (loopback by default)
 * @param pgPort PostgreSQL wire protocol port (0 picks a free one)
 * @param httpPort HTTP API port (0 picks a free one, -1 disables it)
 * @param dataDir where the catalog and job data live
 * @param slots task slots of the embedded worker
 */
public record ServerConfig(String host, int pgPort, int httpPort, Path dataDir, int slots, int maxConnections,
        Path tlsCertificate, Path tlsKey, boolean scramAuthentication) {
    public static final int DEFAULT_PG_PORT = 5455;
    public static final int DEFAULT_HTTP_PORT = 8081;
    /** PostgreSQL's default max_connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 100;

    public ServerConfig(String host, int pgPort, int httpPort, Path dataDir, int slots) {
        this(host, pgPort, httpPort, dataDir, slots, DEFAULT_MAX_CONNECTIONS, null, null, false);
    }

    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDir, "dataDir is null");
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + slots);
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1: " + maxConnections);
        }
    }
}
