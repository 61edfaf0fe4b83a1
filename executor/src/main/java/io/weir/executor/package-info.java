/**
 * The executor's runtime API: {@link io.weir.executor.LocalExecutor} runs
 * {@link io.weir.executor.plan.JobGraph}s in this JVM and hands out {@link io.weir.executor.JobHandle}s;
 * {@link io.weir.executor.ConnectorRegistry} finds connectors.
 */
package io.weir.executor;
