package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a client said in its StartupMessage: the user, the database, every other parameter (for
 * example {@code application_name}, {@code client_encoding}, {@code options}) and the process id
 * the server assigned to the connection (reported in BackendKeyData and used by CancelRequest).
 */
public record StartupInfo(String user, String database, Map<String, String> parameters, int processId) {
    public StartupInfo {
        requireNonNull(user, "user is null");
        requireNonNull(database, "database is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
