/** Translation of optimized logical plans into the executor's job graphs. */
package io.weir.planner.physical;
