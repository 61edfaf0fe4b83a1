package io.weir.executor;

/** Rows into and out of one vertex, summed over its subtasks. */
public record VertexMetrics(long rowsIn, long rowsOut) {
}
