/** Flink SQL's built-in functions that Calcite's libraries do not define, as Calcite operators. */
package io.weir.planner.function;
