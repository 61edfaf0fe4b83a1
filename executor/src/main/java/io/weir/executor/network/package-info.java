/**
 * The data plane between workers: Netty connections (one per worker pair and direction,
 * multiplexing every channel between them) that carry batches as Arrow IPC record batches, and
 * watermarks, idle marks, barriers and end markers in band, under credit-based flow control.
 */
package io.weir.executor.network;
