/**
 * The operators a job runs, one class per {@link io.weir.executor.plan.OperatorSpec}, each with a
 * nested factory; and the small contract between operators and the runtime that chains them.
 */
package io.weir.executor.operator;
