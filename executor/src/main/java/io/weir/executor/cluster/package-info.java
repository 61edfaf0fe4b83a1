/**
 * The distributed runtime, independent of any transport: a {@link io.weir.executor.cluster.JobMaster}
 * runs a job's lifecycle and checkpoints on the coordinator and drives one fragment per worker
 * through {@link io.weir.executor.cluster.WorkerGateway}s; a {@link io.weir.executor.cluster.WorkerRuntime}
 * hosts fragments on a worker and reports back through {@link io.weir.executor.cluster.FragmentListener}.
 * In one JVM the master calls the runtime directly; across processes the server carries the same
 * calls over RPC.
 */
package io.weir.executor.cluster;
