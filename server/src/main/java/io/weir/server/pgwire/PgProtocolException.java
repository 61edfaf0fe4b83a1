package io.weir.server.pgwire;

/**
 * The client broke the wire protocol (bad length, unknown message type, oversized message). The
 * connection gets an 08P01 ErrorResponse and is closed; other connections are not affected.
 */
public final class PgProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PgProtocolException(String message) {
        super(message);
    }
}
