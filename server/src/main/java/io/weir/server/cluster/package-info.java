/**
 * The coordinator's view of the cluster: the workers that registered (the embedded one in the same
 * JVM, others over RPC), their slots and heartbeats, and the scheduling of jobs onto them
 * ({@link io.weir.server.cluster.ClusterExecutor}); the RPC between coordinator and workers
 * ({@link io.weir.server.cluster.RpcMessage}); and the worker process
 * ({@link io.weir.server.cluster.WorkerProcess}).
 */
package io.weir.server.cluster;
