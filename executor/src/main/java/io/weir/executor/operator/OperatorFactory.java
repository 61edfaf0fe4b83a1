package io.weir.executor.operator;

/**
 * Creates the operator instances of one vertex of one job. Built once per job on the submitting
 * thread (where it may do shared work: plan splits, compile expressions, create the table sink);
 * {@link #create} runs on each subtask's own thread.
 */
public interface OperatorFactory {
    Operator create(TaskContext context, Output output);
}
