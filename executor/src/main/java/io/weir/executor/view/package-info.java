/**
 * Materialized views: the rows a view's job keeps, and the internal {@code materialized-view}
 * connector through which the job writes them and queries read them.
 */
package io.weir.executor.view;
