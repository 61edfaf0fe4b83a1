/**
 * The {@code postgres-cdc} connector: a consistent snapshot of one PostgreSQL table read in
 * parallel chunks of its primary key, then every change to it through logical replication
 * ({@code pgoutput}), exactly once across failures. Options are named as Flink CDC names them.
 */
package io.weir.connector.postgrescdc;
