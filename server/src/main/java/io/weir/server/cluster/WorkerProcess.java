package io.weir.server.cluster;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weir.executor.ConnectorRegistry;
import io.weir.executor.ExecutorConfig;
import io.weir.executor.cluster.CheckpointAcknowledgement;
import io.weir.executor.cluster.FragmentListener;
import io.weir.executor.cluster.FragmentResult;
import io.weir.executor.cluster.WorkerRuntime;
import io.weir.executor.network.DataPlane;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process ({@code weir worker}): a {@link WorkerRuntime} with its data plane, connected to
 * the coordinator over RPC. It registers its slots, sends a heartbeat (with its fragments' counters)
 * every second, runs what the coordinator deploys and reports back. When the coordinator goes away
 * it cancels its fragments (the coordinator redeploys them when it is back) and connects again
 * every second, so a restarted coordinator or worker finds its peer again. Its id is kept in its
 * data directory, so a restarted worker rejoins as itself.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final long RECONNECT_MILLIS = 1000;

    private final String coordinatorHost;
    private final int coordinatorPort;
    private final int slots;
    private final String workerId;
    private final WorkerRuntime runtime;
    private final DataPlane dataPlane;
    private final EventLoopGroup group;
    private final ScheduledExecutorService timer;
    // deploys build operators and plan splits: not on the network thread
    private final ExecutorService work = Executors.newSingleThreadExecutor(new DefaultThreadFactory("weir-worker-rpc", true));
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Channel channel;
    private volatile boolean closing;
    // connection attempts that failed since this worker last joined (only on the RPC event loop's one thread)
    private int failedAttempts;

    public WorkerProcess(String coordinator, String host, int dataPort, int slots, Path dataDir)
            throws IOException, InterruptedException {
        int colon = coordinator.lastIndexOf(':');
        if (colon <= 0) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "--coordinator must be host:port, e.g. 127.0.0.1:6123, not '"
                    + coordinator + "'");
        }
        this.coordinatorHost = coordinator.substring(0, colon);
        this.coordinatorPort = Integer.parseInt(coordinator.substring(colon + 1));
        this.slots = slots;
        this.workerId = workerId(dataDir);
        ExecutorConfig defaults = ExecutorConfig.defaults();
        this.runtime = new WorkerRuntime(workerId, new ExecutorConfig(slots, defaults.batchSize(), defaults.memoryLimitBytes(),
                dataDir.resolve("state")), ConnectorRegistry.loadInstalled());
        this.dataPlane = new DataPlane(runtime, host, dataPort);
        runtime.useRemoteChannels(dataPlane);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("weir-worker-rpc-io", true),
                NioIoHandler.newFactory());
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("weir-worker-heartbeat", true));
    }

    /** The id a worker keeps in its data directory (made up at its first start). */
    private static String workerId(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("worker-id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = "worker-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    public String workerId() {
        return workerId;
    }

    public String dataAddress() {
        return dataPlane.address();
    }

    /** Connects to the coordinator (retrying until it answers) and starts the heartbeats. */
    public void start() {
        LOG.info("Worker {} with {} slots, data plane on {}; joining the coordinator at {}:{}", workerId, slots,
                dataPlane.address(), coordinatorHost, coordinatorPort);
        timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        timer.execute(this::connect);
    }

    /** Blocks until {@link #close} ran. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    private void connect() {
        if (closing) {
            return;
        }
        new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        RpcFrames.install(socket.pipeline());
                        socket.pipeline().addLast(new CoordinatorConnection());
                    }
                }).connect(coordinatorHost, coordinatorPort).addListener(future -> {
                    if (!future.isSuccess()) {
                        unreachable(future.cause());
                    }
                });
    }

    /** Logs the first failed attempt of an outage and then one every minute, and tries again in a second. */
    private void unreachable(Throwable cause) {
        if (failedAttempts % (60_000 / RECONNECT_MILLIS) == 0) {
            LOG.info("Coordinator at {}:{} not reachable ({}); worker {} keeps trying every {} ms", coordinatorHost,
                    coordinatorPort, cause.getMessage(), workerId, RECONNECT_MILLIS);
        }
        failedAttempts++;
        if (!closing) {
            timer.schedule(this::connect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void heartbeat() {
        Channel current = channel;
        if (current != null && current.isActive()) {
            current.writeAndFlush(new RpcMessage.Heartbeat(workerId, runtime.allMetrics(), new io.weir.executor.WorkerLoad(
                    dataPlane.bytesSent(), dataPlane.rowsSent(), runtime.allocatedBytes(), io.weir.executor.WorkerLoad.heapInUse())));
        }
    }

    private void send(RpcMessage message) {
        Channel current = channel;
        if (current != null && current.isActive()) {
            current.writeAndFlush(message);
        }
    }

    /** Reports of this worker's fragments, sent to the coordinator. */
    private final FragmentListener reports = new FragmentListener() {
        @Override
        public void acknowledged(String executionId, String worker, CheckpointAcknowledgement acknowledgement) {
            send(new RpcMessage.Acknowledged(executionId, worker, acknowledgement));
        }

        @Override
        public void subtaskEnded(String executionId, String worker, String taskKey, boolean terminal) {
            send(new RpcMessage.SubtaskEnded(executionId, worker, taskKey, terminal));
        }

        @Override
        public void fragmentEnded(String executionId, String worker, FragmentResult result) {
            dataPlane.released(executionId);
            send(new RpcMessage.FragmentEnded(executionId, worker, result));
        }
    };

    /** The connection to the coordinator. */
    private final class CoordinatorConnection extends SimpleChannelInboundHandler<RpcMessage> {
        @Override
        public void channelActive(ChannelHandlerContext context) {
            channel = context.channel();
            context.writeAndFlush(new RpcMessage.Register(workerId, dataPlane.address(), slots));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, RpcMessage message) {
            if (message instanceof RpcMessage.Registered registered) {
                if (registered.accepted()) {
                    LOG.info("Worker {} joined the coordinator at {}:{}", workerId, coordinatorHost, coordinatorPort);
                    failedAttempts = 0;
                } else {
                    LOG.error("The coordinator refused worker {}: {}", workerId, registered.message());
                }
            } else if (message instanceof RpcMessage.Deploy deploy) {
                work.execute(() -> context.writeAndFlush(deploy(deploy)));
            } else if (message instanceof RpcMessage.Start start) {
                work.execute(() -> runtime.start(start.executionId()));
            } else if (message instanceof RpcMessage.TriggerCheckpoint trigger) {
                runtime.triggerCheckpoint(trigger.executionId(), trigger.checkpointId());
            } else if (message instanceof RpcMessage.CheckpointCompleted done) {
                runtime.checkpointCompleted(done.executionId(), done.checkpointId());
            } else if (message instanceof RpcMessage.Finish finish) {
                runtime.finish(finish.executionId());
            } else if (message instanceof RpcMessage.Cancel cancel) {
                work.execute(() -> runtime.cancel(cancel.executionId()));
            } else {
                LOG.warn("The coordinator sent an unexpected {}", message.getClass().getSimpleName());
            }
        }

        private RpcMessage.Deployed deploy(RpcMessage.Deploy deploy) {
            try {
                runtime.deploy(deploy.deployment(), reports);
                return new RpcMessage.Deployed(deploy.requestId(), null, null);
            } catch (WeirException e) {
                return new RpcMessage.Deployed(deploy.requestId(), e.code(), e.getMessage());
            } catch (RuntimeException e) {
                return new RpcMessage.Deployed(deploy.requestId(), ErrorCode.INTERNAL_ERROR, e.toString());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            channel = null;
            if (!closing) {
                LOG.warn("Lost the coordinator at {}:{}; cancelling this worker's subtasks and reconnecting",
                        coordinatorHost, coordinatorPort);
                runtime.cancelAll();
                timer.schedule(WorkerProcess.this::connect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.warn("RPC connection to the coordinator failed: {}", cause.toString());
            context.close();
        }
    }

    /** Cancels every fragment, closes the connections and the runtime. */
    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        Channel current = channel;
        if (current != null) {
            current.close();
        }
        runtime.close();
        dataPlane.close();
        work.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        closed.countDown();
    }
}
