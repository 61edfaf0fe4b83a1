/**
 * The executor's public plan API: {@link io.weir.executor.plan.JobGraph} and the operator and
 * expression descriptions the planner builds. No Calcite types; everything is immutable and
 * serializable.
 */
package io.weir.executor.plan;
