/**
 * Real servers for tests, started on loopback by the tests themselves: a throwaway PostgreSQL
 * cluster with logical replication on. Used in test scope only; nothing here ships.
 */
package io.weir.testing;
