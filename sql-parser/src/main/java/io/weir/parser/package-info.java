/**
 * Weir's SQL parser: the Flink SQL dialect on top of Apache Calcite's grammar.
 *
 * <p>{@link io.weir.parser.WeirSqlParser} is the entry point for the planner and the server: it
 * parses scripts, single statements and expressions and reports syntax errors as
 * {@link io.weir.parser.SqlSyntaxException} with 1-based line, column and character offset.
 * {@link io.weir.parser.WeirSqlWriters} turns a parse tree back into SQL. The grammar itself is
 * generated into {@code io.weir.parser.impl} from {@code src/main/codegen}; the statement trees
 * live in {@link io.weir.parser.ddl} and {@link io.weir.parser.dql}, the Flink type specs in
 * {@link io.weir.parser.type}.
 *
 * <p>All classes here are stateless or immutable and safe to use from any thread.
 */
package io.weir.parser;
