/**
 * Parse trees of Weir's query-like statements: {@code SHOW TABLES}, {@code SHOW VIEWS},
 * {@code SHOW JOBS}, {@code SHOW CREATE TABLE|VIEW}, {@code SHOW <variable>}, {@code DESCRIBE}
 * and {@code EXPLAIN}.
 *
 * <p>Every node is immutable and unparses to SQL that re-parses to an equal node.
 */
package io.weir.parser.dql;
