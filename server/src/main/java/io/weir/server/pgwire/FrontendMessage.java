package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A message from the client, as {@link PgMessageDecoder} decodes it.
 *
 * <p>The extended query protocol arrives as {@link Parse}, {@link Bind}, {@link Describe},
 * {@link Execute}, {@link Close}, {@link Flush} and {@link Sync}; FunctionCall as {@link Unsupported}.
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

    /**
     * Parse ('P'): prepares {@code sql} (with {@code $n} parameters) as the statement {@code name}
     * ("" is the unnamed statement); {@code parameterTypes} are the OIDs the client declared, 0 for
     * "infer".
     */
    record Parse(String name, String sql, List<Integer> parameterTypes) implements FrontendMessage {
        public Parse {
            requireNonNull(name, "name is null");
            requireNonNull(sql, "sql is null");
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    /**
     * Bind ('B'): creates {@code portal} from {@code statement} with parameter values ({@code null}
     * for SQL NULL) in the given format codes (0 text, 1 binary; none means all text, one applies to
     * all) and the result columns' format codes (same rules).
     */
    record Bind(String portal, String statement, List<Short> parameterFormats, List<byte[]> values,
            List<Short> resultFormats) implements FrontendMessage {
        public Bind {
            requireNonNull(portal, "portal is null");
            requireNonNull(statement, "statement is null");
            parameterFormats = List.copyOf(parameterFormats);
            values = Collections.unmodifiableList(new ArrayList<>(values));
            resultFormats = List.copyOf(resultFormats);
        }
    }

    /** Describe ('D'): {@code kind} 'S' for a prepared statement, 'P' for a portal. */
    record Describe(char kind, String name) implements FrontendMessage {
        public Describe {
            requireNonNull(name, "name is null");
        }
    }

    /** Execute ('E'): runs {@code portal}, returning at most {@code maxRows} rows (0 means all). */
    record Execute(String portal, int maxRows) implements FrontendMessage {
        public Execute {
            requireNonNull(portal, "portal is null");
        }
    }

    /** Close ('C'): {@code kind} 'S' closes a prepared statement, 'P' a portal. */
    record Close(char kind, String name) implements FrontendMessage {
        public Close {
            requireNonNull(name, "name is null");
        }
    }

    /** A known message this server does not serve (FunctionCall). */
    /** 'p': a password, SASLInitialResponse or SASLResponse; what it holds depends on the authentication step. */
    record Password(byte[] body) implements FrontendMessage {
    }

    record Unsupported(char type) implements FrontendMessage {
    }
}
