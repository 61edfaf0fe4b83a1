package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.Committable;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A subtask's acknowledgement of a checkpoint, as its fragment reports it to the job master (in the
 * coordinator's JVM or over RPC).
 *
 * @param checkpointId the checkpoint whose barrier passed the subtask's chain
 * @param taskKey the subtask ({@code CheckpointData.taskKey}: head vertex / subtask index)
 * @param states the chain's snapshots: by vertex, then key group
 * @param staged what the fragment's sinks staged for the checkpoint, by sink vertex; only with the
 *     fragment's last acknowledgement of the checkpoint, empty otherwise
 * @param alignmentNanos how long the subtask held channels back waiting for the barrier from its
 *     other inputs (0 for a source or a single input); a statistic, not stored in the checkpoint
 */
public record CheckpointAcknowledgement(long checkpointId, String taskKey, Map<Integer, Map<Integer, byte[]>> states,
        Map<Integer, List<Committable>> staged, long alignmentNanos) implements Serializable {
    public CheckpointAcknowledgement {
        requireNonNull(taskKey, "taskKey is null");
        requireNonNull(states, "states is null");
        requireNonNull(staged, "staged is null");
    }
}
