package io.weir.server.cluster;

import io.weir.executor.cluster.CheckpointAcknowledgement;
import io.weir.executor.cluster.Deployment;
import io.weir.executor.cluster.FragmentMetrics;
import io.weir.executor.cluster.FragmentResult;
import io.weir.spi.error.ErrorCode;
import java.io.Serializable;
import java.util.Map;

/**
 * What the coordinator and a worker process say to each other over their RPC connection (Java
 * serialization in length-prefixed frames; both ends run the same build). A worker opens the
 * connection and registers; everything else flows both ways on it.
 */
public sealed interface RpcMessage extends Serializable {
    // ---- worker to coordinator

    /** A worker offers {@code slots} task slots; others reach its data plane at {@code dataAddress}. */
    record Register(String workerId, String dataAddress, int slots) implements RpcMessage {
    }

    /** The worker is alive; with the counters of every fragment it runs, and its load. */
    record Heartbeat(String workerId, Map<String, FragmentMetrics> fragments, io.weir.executor.WorkerLoad load)
            implements RpcMessage {
    }

    /** The answer to {@link Deploy} {@code requestId}: done, or why not. */
    record Deployed(long requestId, ErrorCode errorCode, String errorMessage) implements RpcMessage {
    }

    record Acknowledged(String executionId, String workerId, CheckpointAcknowledgement acknowledgement)
            implements RpcMessage {
    }

    record SubtaskEnded(String executionId, String workerId, String taskKey, boolean terminal) implements RpcMessage {
    }

    record FragmentEnded(String executionId, String workerId, FragmentResult result) implements RpcMessage {
    }

    // ---- coordinator to worker

    /** The coordinator took the registration ({@code accepted}) or refused it, saying why. */
    record Registered(boolean accepted, String message) implements RpcMessage {
    }

    record Deploy(long requestId, Deployment deployment) implements RpcMessage {
    }

    record Start(String executionId) implements RpcMessage {
    }

    record TriggerCheckpoint(String executionId, long checkpointId) implements RpcMessage {
    }

    record CheckpointCompleted(String executionId, long checkpointId) implements RpcMessage {
    }

    record Finish(String executionId) implements RpcMessage {
    }

    record Cancel(String executionId) implements RpcMessage {
    }
}
