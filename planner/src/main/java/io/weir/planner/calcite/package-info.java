/** Adapters that show Weir's catalog to Calcite: schemas, tables with computed columns, and views. */
package io.weir.planner.calcite;
