/**
 * The generated parser, {@link io.weir.parser.impl.WeirSqlParserImpl}, and its JavaCC support
 * classes. Everything else in this package is generated at build time from Calcite's
 * {@code Parser.jj} and {@code src/main/codegen}; do not edit it, and prefer
 * {@link io.weir.parser.WeirSqlParser} over using it directly.
 */
package io.weir.parser.impl;
