/**
 * The {@code jdbc} connector for PostgreSQL: bounded partitioned scans, lookup joins with a partial
 * cache, and an upsert sink with batching and retries. Sees only the connector SPI and PgJDBC.
 */
package io.weir.connector.jdbc;
