package io.weir.executor.internal;

/**
 * Opens channels from this worker to consumer subtasks on other workers (the data plane). A channel
 * connects lazily, on its first envelope.
 */
public interface RemoteChannels {
    /**
     * The channel through which producer channel {@code channel} sends to subtask {@code subtask} of
     * the chain headed by {@code headVertex} of execution {@code executionId}, which runs on the worker
     * whose data plane listens at {@code dataAddress} ({@code host:port}).
     */
    ChannelTarget open(String dataAddress, String executionId, int headVertex, int subtask, long channel);

    /** For workers that only ever run whole jobs (tests of one JVM): there are no other workers. */
    RemoteChannels NONE = (address, execution, head, subtask, channel) -> {
        throw new IllegalStateException("this worker has no data plane; subtask " + subtask + " of vertex " + head
                + " runs on " + address);
    };
}
