package io.weir.executor.network;

/**
 * Names one channel across workers: producer channel {@code channel} of execution
 * {@code executionId} into subtask {@code subtask} of the chain headed by {@code headVertex}.
 */
record ChannelKey(String executionId, int headVertex, int subtask, long channel) {
}
