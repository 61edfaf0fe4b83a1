/**
 * The Weir JDBC driver: {@code jdbc:weir://host[:port]/[database]} URLs on top of the PostgreSQL
 * JDBC driver, which does all the work over Weir's PostgreSQL wire protocol.
 */
package io.weir.jdbc;
