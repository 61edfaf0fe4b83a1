package io.weir.server.pgwire;

import io.weir.spi.error.WeirException;

/**
 * Opens engine sessions for new connections.
 *
 * <p>Called by the pgwire front end once per connection, after the StartupMessage, on a session
 * thread (never on a Netty event loop), possibly from several threads at once.
 */
public interface PgSessionFactory {
    /**
     * Opens the session for a new connection; a {@link WeirException} is sent to the client as a
     * FATAL ErrorResponse and the connection is closed.
     */
    PgSession open(StartupInfo startup) throws WeirException;
}
