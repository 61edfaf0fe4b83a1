/**
 * The local runtime behind {@link io.weir.executor.LocalExecutor}: jobs, subtask threads, operator
 * chains, and exchanges between threads. Not API.
 */
package io.weir.executor.internal;
