package io.weir.server.cluster;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.weir.executor.cluster.Deployment;
import io.weir.executor.cluster.FragmentListener;
import io.weir.executor.cluster.FragmentMetrics;
import io.weir.executor.cluster.WorkerGateway;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker process as the coordinator's job masters reach it: each call becomes an
 * {@link RpcMessage} on the worker's connection; a deploy waits for the worker's answer. The
 * fragments' counters come with the worker's heartbeats and are kept here. Thread-safe.
 */
final class RemoteWorker implements WorkerGateway {
    private static final long DEPLOY_TIMEOUT_SECONDS = 60;

    private final String workerId;
    private final Channel channel;
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, CompletableFuture<RpcMessage.Deployed>> pending = new ConcurrentHashMap<>();
    private final Map<String, FragmentMetrics> metrics = new ConcurrentHashMap<>();

    RemoteWorker(String workerId, Channel channel) {
        this.workerId = requireNonNull(workerId, "workerId is null");
        this.channel = requireNonNull(channel, "channel is null");
    }

    @Override
    public String workerId() {
        return workerId;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void deploy(Deployment deployment, FragmentListener listener) {
        long id = requests.incrementAndGet();
        CompletableFuture<RpcMessage.Deployed> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            send(new RpcMessage.Deploy(id, deployment));
            RpcMessage.Deployed deployed = answer.get(DEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (deployed.errorCode() != null) {
                throw new WeirException(deployed.errorCode(), deployed.errorMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while deploying job " + deployment.jobId()
                    + " to worker " + workerId);
        } catch (ExecutionException | TimeoutException e) {
            throw new WeirException(ErrorCode.INSUFFICIENT_RESOURCES, "Worker " + workerId + " did not take job "
                    + deployment.jobId() + " (" + (e.getCause() == null ? "no answer within " + DEPLOY_TIMEOUT_SECONDS + " s"
                    : e.getCause().getMessage()) + ")");
        } finally {
            pending.remove(id);
        }
    }

    void deployed(RpcMessage.Deployed answer) {
        CompletableFuture<RpcMessage.Deployed> waiting = pending.get(answer.requestId());
        if (waiting != null) {
            waiting.complete(answer);
        }
    }

    /** The connection is gone: deploys waiting for an answer fail at once. */
    void disconnected() {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the worker disconnected")));
    }

    void heartbeat(Map<String, FragmentMetrics> fragments) {
        metrics.putAll(fragments);
        metrics.keySet().retainAll(fragments.keySet());
    }

    @Override
    public void start(String executionId) {
        send(new RpcMessage.Start(executionId));
    }

    @Override
    public void triggerCheckpoint(String executionId, long checkpointId) {
        send(new RpcMessage.TriggerCheckpoint(executionId, checkpointId));
    }

    @Override
    public void checkpointCompleted(String executionId, long checkpointId) {
        send(new RpcMessage.CheckpointCompleted(executionId, checkpointId));
    }

    @Override
    public void finish(String executionId) {
        send(new RpcMessage.Finish(executionId));
    }

    @Override
    public void cancel(String executionId) {
        send(new RpcMessage.Cancel(executionId));
    }

    @Override
    public FragmentMetrics metrics(String executionId) {
        return metrics.get(executionId);
    }

    private void send(RpcMessage message) {
        if (!channel.isActive()) {
            throw new WeirException(ErrorCode.INSUFFICIENT_RESOURCES, "Worker " + workerId + " is not connected");
        }
        channel.writeAndFlush(message);
    }
}
