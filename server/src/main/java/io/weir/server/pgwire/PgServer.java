package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL wire protocol server: listens on a host and port, and for each connection opens a
 * {@link PgSession} from the factory and serves the simple query protocol.
 *
 * <p>Netty NIO event loops do only I/O and decoding; sessions run on a shared pool of daemon
 * threads named {@code weir-pgwire-session-N}, each connection's work serialized, so a slow query
 * never blocks other connections. Lifecycle: construct, {@link #start()}, {@link #close()}; both
 * are thread-safe and {@code close()} is idempotent.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
    private static final int LOW_WATER_MARK = 256 * 1024;
    private static final int HIGH_WATER_MARK = 1024 * 1024;
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final String host;
    private final int requestedPort;
    private final PgSessionFactory factory;
    private final PgCancelRegistry registry = new PgCancelRegistry();
    private final PgMessageEncoder encoder = new PgMessageEncoder();
    private final io.netty.handler.ssl.SslContext tls;
    private final PgAuthenticator authenticator;
    private final ChannelGroup channels = new DefaultChannelGroup("pgwire", GlobalEventExecutor.INSTANCE);

    // @GuardedBy("this")
    private EventLoopGroup acceptGroup;
    // @GuardedBy("this")
    private EventLoopGroup ioGroup;
    // @GuardedBy("this")
    private ExecutorService sessionThreads;
    // @GuardedBy("this")
    private Channel serverChannel;

    /** A server for {@code host:port} ({@code port} 0 picks a free port); nothing happens until {@link #start()}. */
    public PgServer(String host, int port, PgSessionFactory factory) {
        this(host, port, factory, Integer.MAX_VALUE);
    }

    /** As above, refusing sessions beyond {@code maxConnections} with SQLSTATE 53300. */
    public PgServer(String host, int port, PgSessionFactory factory, int maxConnections) {
        this(host, port, factory, maxConnections, null);
    }

    /**
     * As above, with TLS for clients that ask for it ({@code sslmode=require}) when {@code tls} is not
     * null: a certificate chain and a PKCS#8 private key, both PEM files.
     */
    public PgServer(String host, int port, PgSessionFactory factory, int maxConnections, TlsFiles tls) {
        this(host, port, factory, maxConnections, tls, PgAuthenticator.TRUST);
    }

    /** As above, authenticating clients with {@code authenticator} (trust or SCRAM-SHA-256). */
    public PgServer(String host, int port, PgSessionFactory factory, int maxConnections, TlsFiles tls,
            PgAuthenticator authenticator) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.host = requireNonNull(host, "host is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.requestedPort = port;
        this.factory = requireNonNull(factory, "factory is null");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        registry.setMaxSessions(maxConnections);
        this.tls = tls == null ? null : tls.context();
    }

    /** The server's certificate chain and private key, PEM files. */
    public record TlsFiles(java.nio.file.Path certificate, java.nio.file.Path privateKey) {
        io.netty.handler.ssl.SslContext context() {
            try {
                return io.netty.handler.ssl.SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
            } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
                throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot use the TLS certificate " + certificate
                        + " and key " + privateKey + ": " + e.getMessage()
                        + " (both must be PEM files, the key in PKCS#8 form: -----BEGIN PRIVATE KEY-----)", e);
            }
        }
    }

    /**
     * Binds and starts accepting connections.
     *
     * @throws WeirException with {@link ErrorCode#IO_ERROR} when the address cannot be bound, for
     *     example because the port is taken
     */
    public synchronized void start() {
        if (serverChannel != null) {
            throw new IllegalStateException("PgServer already started");
        }
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("weir-pgwire-accept", true),
                NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("weir-pgwire-io", true),
                NioIoHandler.newFactory());
        sessionThreads = Executors.newCachedThreadPool(new DefaultThreadFactory("weir-pgwire-session", true));
        ExecutorService sessions = sessionThreads;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.pipeline()
                                .addLast("decoder", new PgMessageDecoder(PgMessageDecoder.DEFAULT_MAX_MESSAGE_SIZE))
                                .addLast("encoder", encoder)
                                .addLast("connection", new PgConnectionHandler(factory, registry, sessions, tls, authenticator));
                    }
                });
        try {
            serverChannel = bootstrap.bind(host, requestedPort).sync().channel();
        } catch (Exception e) {
            shutDownThreads();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot listen for PostgreSQL clients on " + host + ":"
                    + requestedPort + ": " + e.getMessage(), e);
        }
        LOG.info("pgwire listening on {}:{}", host, port());
    }

    /** The port the server listens on (the chosen one when constructed with port 0). */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("PgServer not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection (cancelling running queries) and stops the threads. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        serverChannel = null;
        channels.close().awaitUninterruptibly(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        shutDownThreads();
        LOG.info("pgwire stopped");
    }

    private void shutDownThreads() {
        sessionThreads.shutdown();
        try {
            if (!sessionThreads.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("pgwire sessions did not finish within {} s; interrupting them", SHUTDOWN_WAIT_SECONDS);
                sessionThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            sessionThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        acceptGroup.shutdownGracefully(0, SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
