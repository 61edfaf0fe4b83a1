package io.weir.server.cluster;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weir.executor.cluster.JobMaster;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's RPC endpoint: worker processes connect, register, send heartbeats and their
 * fragments' reports, which go to the job masters by execution id. A closed connection means the
 * worker is lost (a killed process closes its sockets at once); a silent one is lost after the
 * heartbeat timeout ({@link ClusterExecutor}).
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final ClusterExecutor cluster;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    // job masters commit output and write checkpoints when workers report: not on a network thread
    private final java.util.concurrent.ExecutorService dispatch = java.util.concurrent.Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("weir-rpc-dispatch", true));

    public RpcServer(String host, int port, ClusterExecutor cluster) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("weir-rpc", true), NioIoHandler.newFactory());
        try {
            this.serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            RpcFrames.install(channel.pipeline());
                            channel.pipeline().addLast(new WorkerConnection());
                        }
                    }).bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new WeirException(ErrorCode.IO_ERROR, "Interrupted while opening the RPC port " + port);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot listen for workers on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Waiting for workers on {}:{} (weir worker --coordinator {}:{})", host, port(), host, port());
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** One worker's connection. */
    private final class WorkerConnection extends SimpleChannelInboundHandler<RpcMessage> {
        private RemoteWorker worker;

        @Override
        protected void channelRead0(ChannelHandlerContext context, RpcMessage message) {
            if (message instanceof RpcMessage.Register register) {
                worker = new RemoteWorker(register.workerId(), context.channel());
                context.writeAndFlush(new RpcMessage.Registered(true, "welcome"));
                cluster.register(register.workerId(), register.dataAddress(), register.slots(), worker);
                return;
            }
            if (worker == null) {
                context.writeAndFlush(new RpcMessage.Registered(false, "register first"));
                context.close();
                return;
            }
            if (message instanceof RpcMessage.Deployed deployed) {
                worker.deployed(deployed);
                return;
            }
            RemoteWorker from = worker;
            dispatch(() -> handle(from, message));
        }

        private void handle(RemoteWorker worker, RpcMessage message) {
            if (message instanceof RpcMessage.Heartbeat heartbeat) {
                cluster.heartbeat(heartbeat.workerId(), heartbeat.load());
                worker.heartbeat(heartbeat.fragments());
            } else if (message instanceof RpcMessage.Acknowledged ack) {
                JobMaster master = cluster.master(ack.executionId());
                if (master != null) {
                    master.acknowledged(ack.executionId(), ack.workerId(), ack.acknowledgement());
                }
            } else if (message instanceof RpcMessage.SubtaskEnded ended) {
                JobMaster master = cluster.master(ended.executionId());
                if (master != null) {
                    master.subtaskEnded(ended.executionId(), ended.workerId(), ended.taskKey(), ended.terminal());
                }
            } else if (message instanceof RpcMessage.FragmentEnded ended) {
                JobMaster master = cluster.master(ended.executionId());
                if (master != null) {
                    master.fragmentEnded(ended.executionId(), ended.workerId(), ended.result());
                }
            } else {
                LOG.warn("Worker {} sent an unexpected {}", worker.workerId(), message.getClass().getSimpleName());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (worker != null) {
                RemoteWorker gone = worker;
                gone.disconnected();
                // out of the cluster at once (no restart may land on it); its jobs fail over off this thread
                if (cluster.forget(gone.workerId(), gone)) {
                    dispatch(() -> cluster.jobsLost(gone.workerId(), "its connection closed"));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.warn("RPC connection from {} failed: {}", context.channel().remoteAddress(), cause.toString());
            context.close();
        }
    }

    /**
     * Runs {@code task} on the dispatch thread; once the coordinator is closing, workers' late reports
     * (their fragments ending under the shutdown's cancel) concern nobody any more and are dropped.
     */
    private void dispatch(Runnable task) {
        try {
            dispatch.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            LOG.debug("Coordinator closing: a worker's report is dropped");
        }
    }

    @Override
    public void close() {
        serverChannel.close();
        dispatch.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
