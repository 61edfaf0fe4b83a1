/**
 * PostgreSQL's system catalogs ({@code pg_catalog}, {@code information_schema}) over Weir's catalog,
 * so that psql's meta-commands, JDBC's {@code DatabaseMetaData} and other tools' introspection
 * queries work. Such queries are written in PostgreSQL's dialect, not Flink's, and read only small
 * in-memory tables, so they run in-process on Calcite's Babel parser and enumerable engine rather
 * than as Weir jobs.
 */
package io.weir.server.pgcatalog;
