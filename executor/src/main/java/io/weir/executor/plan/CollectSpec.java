package io.weir.executor.plan;

/**
 * Hands its input to the job's client (a SELECT's rows). Always parallelism 1; when it finishes
 * (its input ended, or a LIMIT was reached upstream) the job is finished.
 */
public record CollectSpec() implements OperatorSpec {
    @Override
    public String describe() {
        return "Collect";
    }
}
