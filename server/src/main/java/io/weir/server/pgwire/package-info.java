/**
 * The PostgreSQL v3 wire protocol front end: a Netty server ({@link io.weir.server.pgwire.PgServer})
 * that decodes frontend messages, runs each connection's queries on an engine
 * {@link io.weir.server.pgwire.PgSession} off the event loop, and streams results back as backend
 * messages.
 *
 * <p>Both the simple and the extended query protocol are served. The extended protocol
 * ({@link io.weir.server.pgwire.PgExtendedProtocol}) prepares statements with {@code $n}
 * parameters ({@link io.weir.server.pgwire.PgParameterRewriter}), binds values sent in text or
 * binary format ({@link io.weir.server.pgwire.PgParameterValues},
 * {@link io.weir.server.pgwire.PgBinaryFormat}) and reads portals in steps. The session reports
 * the transaction status of ReadyForQuery; portals end with their transaction. FunctionCall is
 * refused.
 */
package io.weir.server.pgwire;
