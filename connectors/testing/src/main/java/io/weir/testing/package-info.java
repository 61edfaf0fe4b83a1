/**
 * Real servers for tests, started on loopback by the tests themselves: a throwaway PostgreSQL
 * cluster with logical replication on, an S3 endpoint; and {@link io.weir.testing.SourceRows}, a
 * connector's source read outside a job. Used in test scope only; nothing here ships.
 */
package io.weir.testing;
