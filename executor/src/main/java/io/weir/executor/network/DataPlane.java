package io.weir.executor.network;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weir.executor.cluster.WorkerRuntime;
import io.weir.executor.internal.ChannelTarget;
import io.weir.executor.internal.InputGate;
import io.weir.executor.internal.InputGate.Kind;
import io.weir.executor.internal.Job;
import io.weir.executor.internal.RemoteChannels;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's data plane: a Netty server that takes envelopes for the consumer subtasks of this
 * worker and hands them to their gates, and client connections (one per remote worker, opened on
 * the first envelope) that carry this worker's envelopes to others. Frames are length-prefixed:
 * DATA (an envelope; batches as Arrow IPC) from producer to consumer, CREDIT back on the same
 * connection each time the consumer takes one off its gate. Thread-safe.
 */
public final class DataPlane implements RemoteChannels, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);
    private static final byte DATA = 1;
    private static final byte CREDIT = 2;
    private static final int MAX_FRAME = 512 << 20;
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final WorkerRuntime runtime;
    private final String host;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Map<String, Channel> connections = new ConcurrentHashMap<>();
    private final Map<ChannelKey, RemoteChannel> senders = new ConcurrentHashMap<>();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder rowsSent = new LongAdder();

    /** Listens on {@code host:port} (port 0: a free one) for envelopes to {@code runtime}'s subtasks. */
    public DataPlane(WorkerRuntime runtime, String host, int port) throws InterruptedException {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.host = requireNonNull(host, "host is null");
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("weir-data-" + runtime.workerId(), true),
                NioIoHandler.newFactory());
        try {
            this.serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            frames(channel).addLast(new Inbound());
                        }
                    }).bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static io.netty.channel.ChannelPipeline frames(SocketChannel channel) {
        return channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4))
                .addLast(new LengthFieldPrepender(4));
    }

    /** Where other workers reach this one: {@code host:port}. */
    public String address() {
        return host + ":" + ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Bytes and rows this worker sent to others. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    public long rowsSent() {
        return rowsSent.sum();
    }

    @Override
    public ChannelTarget open(String dataAddress, String executionId, int headVertex, int subtask, long channel) {
        ChannelKey key = new ChannelKey(executionId, headVertex, subtask, channel);
        RemoteChannel sender = new RemoteChannel(this, dataAddress, key);
        senders.put(key, sender);
        return sender;
    }

    /** Forgets the channels of an execution that ended. */
    public void released(String executionId) {
        senders.keySet().removeIf(key -> key.executionId().equals(executionId));
    }

    void sendData(String address, ChannelKey key, int input, Kind kind, long time, byte[] batch, int rows) {
        Channel connection = connection(address);
        byte[] execution = key.executionId().getBytes(StandardCharsets.UTF_8);
        int length = 1 + 2 + execution.length + 4 + 4 + 4 + 8 + 1 + 8 + 4 + (batch == null ? 0 : batch.length);
        ByteBuf frame = connection.alloc().buffer(length);
        frame.writeByte(DATA).writeShort(execution.length).writeBytes(execution).writeInt(key.headVertex())
                .writeInt(key.subtask()).writeInt(input).writeLong(key.channel()).writeByte(kind.ordinal()).writeLong(time);
        if (batch == null) {
            frame.writeInt(-1);
        } else {
            frame.writeInt(batch.length).writeBytes(batch);
            bytesSent.add(batch.length);
            rowsSent.add(rows);
        }
        connection.writeAndFlush(frame);
    }

    private Channel connection(String address) {
        Channel existing = connections.get(address);
        if (existing != null && existing.isActive()) {
            return existing;
        }
        synchronized (connections) {
            existing = connections.get(address);
            if (existing != null && existing.isActive()) {
                return existing;
            }
            int colon = address.lastIndexOf(':');
            try {
                Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT_MILLIS)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel socket) {
                                frames(socket).addLast(new Outbound(address));
                            }
                        }).connect(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                        .sync().channel();
                connections.put(address, channel);
                return channel;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while connecting to the worker at " + address);
            } catch (RuntimeException e) {
                throw new WeirException(ErrorCode.IO_ERROR, "Cannot connect to the worker at " + address + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** A connection this worker opened: credits come back on it. */
    private final class Outbound extends SimpleChannelInboundHandler<ByteBuf> {
        private final String address;

        Outbound(String address) {
            this.address = address;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, ByteBuf frame) {
            if (frame.readByte() != CREDIT) {
                return;
            }
            ChannelKey key = new ChannelKey(readString(frame), frame.readInt(), frame.readInt(), frame.readLong());
            int granted = frame.readInt();
            RemoteChannel sender = senders.get(key);
            if (sender != null) {
                sender.credit(granted);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            connections.remove(address, context.channel());
            senders.values().forEach(sender -> {
                if (sender.address().equals(address)) {
                    sender.broken("the connection closed");
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.info("Data connection to {} failed: {}", address, cause.getMessage());
            context.close();
        }
    }

    /** A connection another worker opened: envelopes for this worker's subtasks. */
    private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, ByteBuf frame) throws Exception {
            if (frame.readByte() != DATA) {
                return;
            }
            String executionId = readString(frame);
            int head = frame.readInt();
            int subtask = frame.readInt();
            int input = frame.readInt();
            long channel = frame.readLong();
            Kind kind = Kind.values()[frame.readByte()];
            long time = frame.readLong();
            int length = frame.readInt();
            Job fragment = runtime.fragment(executionId);
            InputGate gate = fragment == null ? null : fragment.gate(head, subtask);
            if (gate == null) {
                // the consumer's fragment ended (the job stopped): nothing waits for this envelope
                return;
            }
            VectorSchemaRoot batch = null;
            if (length >= 0) {
                batch = BatchCodec.decode(frame.nioBuffer(frame.readerIndex(), length), fragment.inputType(head, input),
                        fragment.allocator());
                frame.skipBytes(length);
            }
            Channel back = context.channel();
            byte[] execution = executionId.getBytes(StandardCharsets.UTF_8);
            gate.deliverRemote(input, channel, kind, time, batch, () -> {
                ByteBuf credit = back.alloc().buffer(1 + 2 + execution.length + 20);
                credit.writeByte(CREDIT).writeShort(execution.length).writeBytes(execution).writeInt(head)
                        .writeInt(subtask).writeLong(channel).writeInt(1);
                back.writeAndFlush(credit);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.warn("Data connection from {} failed: {}", context.channel().remoteAddress(), cause.getMessage());
            context.close();
        }
    }

    private static String readString(ByteBuf frame) {
        int length = frame.readUnsignedShort();
        String text = frame.toString(frame.readerIndex(), length, StandardCharsets.UTF_8);
        frame.skipBytes(length);
        return text;
    }

    @Override
    public void close() {
        serverChannel.close();
        connections.values().forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
