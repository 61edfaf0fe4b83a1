package io.weir.executor;

/**
 * Rows into and out of one vertex, summed over its subtasks.
 *
 * @param lateRowsDropped rows a window operator dropped because their window had already fired
 */
public record VertexMetrics(long rowsIn, long rowsOut, long lateRowsDropped) implements java.io.Serializable {
    public VertexMetrics(long rowsIn, long rowsOut) {
        this(rowsIn, rowsOut, 0);
    }
}
