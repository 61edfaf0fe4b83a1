/**
 * Parse trees of transaction control statements: {@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}, {@code END} and {@code ROLLBACK}, which PostgreSQL clients and drivers send.
 *
 * <p>Every node is immutable and unparses to SQL that re-parses to an equal node.
 */
package io.weir.parser.tcl;
