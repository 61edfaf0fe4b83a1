/**
 * The PostgreSQL v3 wire protocol front end: a Netty server ({@link io.weir.server.pgwire.PgServer})
 * that decodes frontend messages, runs each connection's queries on an engine
 * {@link io.weir.server.pgwire.PgSession} off the event loop, and streams results back as backend
 * messages.
 *
 * <p>Only the simple query protocol is served for now; extended-protocol messages are answered with
 * a 0A000 error so that clients are not left waiting.
 */
package io.weir.server.pgwire;
