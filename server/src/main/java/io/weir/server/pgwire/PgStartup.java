package io.weir.server.pgwire;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup handshake after a StartupMessage: opens the engine session and answers with
 * AuthenticationOk (trust), ParameterStatus, BackendKeyData and ReadyForQuery, or with a FATAL
 * ErrorResponse and a closed connection. Runs on a session thread.
 */
final class PgStartup {
    private static final Logger LOG = LoggerFactory.getLogger(PgStartup.class);
    private static final String PROTOCOL_OPTION_PREFIX = "_pq_.";
    private static final String INVALID_AUTHORIZATION = "28000";

    /** The server version clients see; drivers parse it, so it is a plain PostgreSQL version. */
    static final String SERVER_VERSION = "15.0";

    /** A session that opened, with the connection's startup info. */
    record Opened(PgSession session, StartupInfo info) {
    }

    private PgStartup() {
    }

    /** Opens the session and answers the client; returns {@code null} after a failure was sent. */
    static Opened open(FrontendMessage.Startup message, int processId, int secretKey, PgSessionFactory factory,
            Channel channel, PgOutbox outbox) {
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> unrecognizedOptions = new ArrayList<>();
        message.parameters().forEach((name, value) -> {
            if (name.startsWith(PROTOCOL_OPTION_PREFIX)) {
                unrecognizedOptions.add(name);
            } else if (!name.equals("user") && !name.equals("database")) {
                parameters.put(name, value);
            }
        });
        String user = message.parameters().getOrDefault("user", "");
        if (user.isEmpty()) {
            fail(channel, outbox, PgErrors.response(PgErrors.FATAL, INVALID_AUTHORIZATION,
                    "no PostgreSQL user name specified in startup packet", null));
            return null;
        }
        String database = message.parameters().getOrDefault("database", "");
        StartupInfo info = new StartupInfo(user, database.isEmpty() ? user : database, parameters, processId);
        if (message.minorVersion() > 0 || !unrecognizedOptions.isEmpty()) {
            outbox.send(new BackendMessage.NegotiateProtocolVersion(0, unrecognizedOptions));
        }
        PgSession session;
        try {
            session = factory.open(info);
        } catch (Throwable failure) {
            fail(channel, outbox, PgErrors.toResponse(failure, PgErrors.FATAL));
            return null;
        }
        outbox.send(new BackendMessage.AuthenticationOk());
        standardParameters(info).forEach((name, value) -> outbox.send(new BackendMessage.ParameterStatus(name, value)));
        session.parameterStatus().forEach((name, value) -> outbox.send(new BackendMessage.ParameterStatus(name, value)));
        outbox.send(new BackendMessage.BackendKeyData(processId, secretKey));
        outbox.send(new BackendMessage.ReadyForQuery('I'));
        LOG.info("pgwire connection opened: process {}, user {}, database {}, from {}", processId, user,
                info.database(), channel.remoteAddress());
        return new Opened(session, info);
    }

    private static Map<String, String> standardParameters(StartupInfo info) {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("server_version", SERVER_VERSION);
        status.put("server_encoding", "UTF8");
        status.put("client_encoding", "UTF8");
        status.put("DateStyle", "ISO, MDY");
        status.put("TimeZone", "UTC");
        status.put("IntervalStyle", "postgres");
        status.put("integer_datetimes", "on");
        status.put("standard_conforming_strings", "on");
        status.put("application_name", info.parameters().getOrDefault("application_name", ""));
        status.put("is_superuser", "on");
        status.put("session_authorization", info.user());
        return status;
    }

    private static void fail(Channel channel, PgOutbox outbox, BackendMessage.ErrorResponse error) {
        LOG.info("pgwire connection from {} refused: {}", channel.remoteAddress(), error.fields().get('M'));
        outbox.sendAndClose(error);
    }
}
