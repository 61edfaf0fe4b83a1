/**
 * Parse trees of Weir's data definition and session statements: {@code CREATE TABLE},
 * {@code CREATE [TEMPORARY | MATERIALIZED] VIEW}, {@code DROP TABLE}, {@code DROP VIEW},
 * {@code SET}, {@code RESET} and {@code STOP JOB}.
 *
 * <p>Every node is immutable, exposes its parts through accessors, and unparses to SQL that
 * re-parses to an equal node (see {@link io.weir.parser.WeirSqlWriters}).
 */
package io.weir.parser.ddl;
