package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A message from the client, as {@link PgMessageDecoder} decodes it.
 *
 * <p>The extended query protocol (Parse, Bind, Describe, Execute, Close) arrives as
 * {@link Unsupported} for now; when it is implemented each gets its own record here.
 */
public sealed interface FrontendMessage {
    /** SSLRequest: the client asks for TLS before the StartupMessage. */
    record SslRequest() implements FrontendMessage {
    }

    /** GSSENCRequest: the client asks for GSSAPI encryption before the StartupMessage. */
    record GssEncRequest() implements FrontendMessage {
    }

    /** CancelRequest: sent on a fresh connection to cancel the query of another one. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {
    }

    /** StartupMessage: protocol version {@code major.minor} and the connection parameters. */
    record Startup(int majorVersion, int minorVersion, Map<String, String> parameters) implements FrontendMessage {
        public Startup {
            parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
        }
    }

    /** Query ('Q'): one string of SQL statements for the simple query protocol. */
    record Query(String sql) implements FrontendMessage {
        public Query {
            requireNonNull(sql, "sql is null");
        }
    }

    /** Sync ('S'): ends an extended-protocol batch; answered with ReadyForQuery. */
    record Sync() implements FrontendMessage {
    }

    /** Flush ('H'): asks the server to send what it has buffered. */
    record Flush() implements FrontendMessage {
    }

    /** Terminate ('X'): the client is closing the connection. */
    record Terminate() implements FrontendMessage {
    }

    /** CopyData, CopyDone or CopyFail outside of COPY: ignored, as PostgreSQL does. */
    record CopyMessage(char type) implements FrontendMessage {
    }

    /** A known message this server does not serve yet (Parse, Bind, Describe, Execute, Close, FunctionCall). */
    record Unsupported(char type) implements FrontendMessage {
    }
}
