package io.weir.executor.operator;

import java.util.List;

/**
 * A sink writer with state that checkpoints store beside the operators' (the rows a materialized
 * view's writer has put into its view). Internal to the executor: connectors' writers stage output
 * through committables instead.
 */
public interface StatefulSinkWriter {
    /** The writer's state at a checkpoint barrier. */
    byte[] snapshot();

    /** Called once before the first write when the job resumes: the states of every former writer subtask. */
    void restore(List<byte[]> states);
}
