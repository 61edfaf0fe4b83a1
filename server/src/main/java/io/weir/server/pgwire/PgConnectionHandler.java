package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: answers the startup handshake, then hands every message to a
 * {@link SerialExecutor} so that the session runs queries off the event loop, one at a time, in
 * the order the client sent them.
 *
 * <p>The extended query protocol's statements and portals are kept by {@link PgExtendedProtocol}.
 *
 * <p>Threads: Netty callbacks run on the channel's event loop; {@code startSession},
 * {@code runQuery}, {@code runExtended} and {@code closeSession} run on a session thread; {@link #cancel()} may come
 * from any event loop. Writes from the session thread wait while the channel is not writable.
 */
final class PgConnectionHandler extends SimpleChannelInboundHandler<FrontendMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(PgConnectionHandler.class);
    private static final int MAX_PENDING_MESSAGES = 256;
    private static final long WRITABILITY_POLL_MILLIS = 50;

    private final PgSessionFactory factory;
    private final PgCancelRegistry registry;
    private final SerialExecutor tasks;
    private final AtomicBoolean sessionClosed = new AtomicBoolean();
    private final PgExtendedProtocol extended = new PgExtendedProtocol(this);

    private Channel channel;
    private PgOutbox outbox;
    private volatile PgSession session;
    private volatile StartupInfo info;
    private volatile boolean queryRunning;
    private volatile boolean cancelRequested;
    private boolean startupReceived;
    private final io.netty.handler.ssl.SslContext tls;
    private final PgAuthenticator authenticator;
    /** What an unknown user's exchange runs against: it fails at the proof, as a wrong password does. */
    private static final ScramSha256.Verifier UNKNOWN_USER = ScramSha256.verifier(java.util.UUID.randomUUID().toString());
    // the startup message waiting for authentication, and the SCRAM exchange in progress (session thread)
    private FrontendMessage.Startup pendingStartup;
    private ScramSha256.Exchange scram;
    // session thread only: after an extended-protocol error, skip messages until Sync
    private boolean discardUntilSync;

    PgConnectionHandler(PgSessionFactory factory, PgCancelRegistry registry, Executor sessionThreads) {
        this(factory, registry, sessionThreads, null, PgAuthenticator.TRUST);
    }

    /** {@code tls} answers SSLRequests with TLS; null refuses them, as a server without certificates does. */
    PgConnectionHandler(PgSessionFactory factory, PgCancelRegistry registry, Executor sessionThreads,
            io.netty.handler.ssl.SslContext tls, PgAuthenticator authenticator) {
        this.tls = tls;
        this.authenticator = authenticator;
        this.factory = requireNonNull(factory, "factory is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.tasks = new SerialExecutor(requireNonNull(sessionThreads, "sessionThreads is null"));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        outbox = new PgOutbox(channel);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FrontendMessage message) {
        if (message instanceof FrontendMessage.SslRequest && tls != null) {
            // 'S' goes out in the clear; the client starts its handshake only once it has it
            ctx.writeAndFlush(new BackendMessage.EncryptionAccepted()).addListener(written -> {
                if (written.isSuccess()) {
                    ctx.pipeline().addFirst("tls", tls.newHandler(ctx.alloc()));
                }
            });
        } else if (message instanceof FrontendMessage.SslRequest || message instanceof FrontendMessage.GssEncRequest) {
            ctx.writeAndFlush(new BackendMessage.EncryptionRefused());
        } else if (message instanceof FrontendMessage.CancelRequest cancel) {
            boolean found = registry.cancel(cancel.processId(), cancel.secretKey());
            LOG.debug("CancelRequest for process {}: {}", cancel.processId(), found ? "cancelling" : "no such session");
            ctx.close();
        } else if (message instanceof FrontendMessage.Startup startupMessage) {
            startupReceived = true;
            submit(() -> startSession(startupMessage));
        } else if (message instanceof FrontendMessage.Password password) {
            submit(() -> handlePassword(password));
        } else if (message instanceof FrontendMessage.Terminate) {
            submit(outbox::closeAfterQueued);
        } else {
            submit(() -> handleAfterStartup(message));
        }
        if (tasks.pending() >= MAX_PENDING_MESSAGES) {
            // a client pipelining far ahead waits in the kernel's socket buffer, not in our heap
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void submit(Runnable task) {
        tasks.execute(() -> {
            task.run();
            if (!channel.config().isAutoRead() && tasks.pending() < MAX_PENDING_MESSAGES / 2) {
                channel.config().setAutoRead(true);
            }
        });
    }

    private void startSession(FrontendMessage.Startup message) {
        if (!channel.isActive()) {
            return;
        }
        if (!registry.tryOpenSession()) {
            LOG.warn("pgwire connection from {} refused: the server's connection limit is reached", channel.remoteAddress());
            outbox.sendAndClose(PgErrors.response(PgErrors.FATAL, "53300", "sorry, too many clients already", null));
            return;
        }
        if (authenticator.passwordRequired()) {
            // SCRAM-SHA-256 first; the session opens once the client's proof is right
            pendingStartup = message;
            outbox.send(new BackendMessage.AuthenticationSasl(10,
                    (ScramSha256.MECHANISM + "\0\0").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return;
        }
        openSession(message);
    }

    private void openSession(FrontendMessage.Startup message) {
        int secretKey = registry.newSecretKey();
        PgStartup.Opened opened = PgStartup.open(message, registry.nextProcessId(), secretKey, factory,
                channel, outbox);
        if (opened == null) {
            registry.sessionClosed();
            return;
        }
        info = opened.info();
        session = opened.session();
        registry.register(info.processId(), secretKey, this::cancel);
    }

    /** The SASL exchange: SASLInitialResponse, then SASLResponse; a wrong proof gets 28P01 and nothing else. */
    private void handlePassword(FrontendMessage.Password message) {
        FrontendMessage.Startup startup = pendingStartup;
        if (startup == null || session != null) {
            outbox.sendAndClose(PgErrors.response(PgErrors.FATAL, "08P01", "unexpected password message", null));
            return;
        }
        String user = startup.parameters().getOrDefault("user", "");
        io.netty.buffer.ByteBuf body = io.netty.buffer.Unpooled.wrappedBuffer(message.body());
        try {
            if (scram == null) {
                int end = body.bytesBefore((byte) 0);
                String mechanism = end < 0 ? "" : body.readCharSequence(end, java.nio.charset.StandardCharsets.UTF_8).toString();
                body.skipBytes(end < 0 ? 0 : 1);
                if (!mechanism.equals(ScramSha256.MECHANISM) || body.readableBytes() < 4) {
                    outbox.sendAndClose(PgErrors.response(PgErrors.FATAL, "28000",
                            "the server offers SASL mechanism " + ScramSha256.MECHANISM + " only", null));
                    return;
                }
                int length = body.readInt();
                String clientFirst = body.readCharSequence(Math.max(0, Math.min(length, body.readableBytes())),
                        java.nio.charset.StandardCharsets.UTF_8).toString();
                scram = new ScramSha256.Exchange(authenticator.verifier(user).orElse(UNKNOWN_USER));
                outbox.send(new BackendMessage.AuthenticationSasl(11,
                        scram.serverFirst(clientFirst).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                return;
            }
            String serverFinal = scram.serverFinal(new String(message.body(), java.nio.charset.StandardCharsets.UTF_8));
            if (serverFinal == null || authenticator.verifier(user).isEmpty()) {
                LOG.info("pgwire connection from {} refused: wrong password for user {}", channel.remoteAddress(), user);
                // the place this connection holds is given back when it closes (closeSession)
                outbox.sendAndClose(PgErrors.response(PgErrors.FATAL, "28P01",
                        "password authentication failed for user \"" + user + "\"", null));
                return;
            }
            outbox.send(new BackendMessage.AuthenticationSasl(12, serverFinal.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            pendingStartup = null;
            openSession(startup);
        } catch (RuntimeException e) {
            outbox.sendAndClose(PgErrors.response(PgErrors.FATAL, "08P01", "malformed SASL message: " + e.getMessage(), null));
        }
    }

    private void handleAfterStartup(FrontendMessage message) {
        if (session == null) {
            return;
        }
        if (message instanceof FrontendMessage.Sync) {
            discardUntilSync = false;
            if (session.transactionStatus() == 'I') {
                // the implicit transaction ends at Sync, and with it its portals
                extended.closePortals();
            }
            send(new BackendMessage.ReadyForQuery(session.transactionStatus()));
        } else if (discardUntilSync || message instanceof FrontendMessage.Flush
                || message instanceof FrontendMessage.CopyMessage) {
            LOG.trace("Ignoring {}", message);
        } else if (message instanceof FrontendMessage.Query query) {
            runQuery(query.sql());
        } else if (message instanceof FrontendMessage.Parse
                || message instanceof FrontendMessage.Bind
                || message instanceof FrontendMessage.Describe
                || message instanceof FrontendMessage.Execute
                || message instanceof FrontendMessage.Close) {
            runExtended(message);
        } else if (message instanceof FrontendMessage.Unsupported) {
            // FunctionCall, the only message left, is not followed by Sync
            send(PgErrors.response(PgErrors.ERROR, ErrorCode.FEATURE_NOT_SUPPORTED.sqlState(),
                    "the FunctionCall message is not supported; call the function in a query", null));
            send(new BackendMessage.ReadyForQuery(session.transactionStatus()));
        } else {
            throw new IllegalStateException("unexpected message after startup: " + message);
        }
    }

    private void runExtended(FrontendMessage message) {
        char statusBefore = session.transactionStatus();
        // Bind runs statements that return no rows (an INSERT waiting for its job, say) at once, and
        // Describe may plan one, so a CancelRequest must reach those as it reaches Execute.
        boolean runs = message instanceof FrontendMessage.Execute || message instanceof FrontendMessage.Bind
                || message instanceof FrontendMessage.Describe;
        if (runs) {
            cancelRequested = false;
            queryRunning = true;
        }
        try {
            if (message instanceof FrontendMessage.Parse parse) {
                extended.parse(session, parse);
            } else if (message instanceof FrontendMessage.Bind bind) {
                extended.bind(bind);
            } else if (message instanceof FrontendMessage.Describe describe) {
                extended.describe(describe);
            } else if (message instanceof FrontendMessage.Execute run) {
                extended.execute(run);
            } else if (message instanceof FrontendMessage.Close close) {
                extended.close(close);
            }
        } catch (Throwable failure) {
            discardUntilSync = true;
            session.failTransaction();
            if (channel.isActive()) {
                send(PgErrors.toResponse(failure, PgErrors.ERROR));
            } else {
                LOG.debug("Statement ended after the client disconnected: {}", failure.toString());
            }
        } finally {
            queryRunning = false;
        }
        if (statusBefore != 'I' && session.transactionStatus() == 'I') {
            // COMMIT or ROLLBACK ended the transaction block and its portals
            extended.closePortals();
        }
    }

    private void runQuery(String sql) {
        cancelRequested = false;
        queryRunning = true;
        PgResultSink sink = new PgResultSink(this);
        try {
            if (sql.isBlank()) {
                sink.emptyQuery();
            } else {
                session.executeSimpleQuery(sql, sink);
            }
            if (!sink.sentAnything()) {
                sink.emptyQuery();
            }
        } catch (Throwable failure) {
            session.failTransaction();
            if (!channel.isActive()) {
                LOG.debug("Query ended after the client disconnected: {}", failure.toString());
                return;
            }
            send(PgErrors.toResponse(failure, PgErrors.ERROR));
        } finally {
            queryRunning = false;
        }
        if (session.transactionStatus() == 'I') {
            extended.closePortals();
        }
        send(new BackendMessage.ReadyForQuery(session.transactionStatus()));
    }

    /** CancelRequest for this connection (any thread): cancels the running statement, if any. */
    void cancel() {
        cancelRequested = true;
        PgSession current = session;
        if (queryRunning && current != null) {
            try {
                current.cancel();
            } catch (RuntimeException e) {
                LOG.warn("Session cancel failed", e);
            }
        }
        outbox.signal();
    }

    private void closeSession() {
        PgSession current = session;
        if (current == null && pendingStartup != null && sessionClosed.compareAndSet(false, true)) {
            // the client left during authentication: give back the place it held
            registry.sessionClosed();
            return;
        }
        if (current == null || !sessionClosed.compareAndSet(false, true)) {
            return;
        }
        registry.unregister(info.processId());
        registry.sessionClosed();
        try {
            extended.closeAll();
            current.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the session of process {} failed", info.processId(), e);
        }
        LOG.info("pgwire connection closed: process {}, user {}, from {}", info.processId(), info.user(),
                channel.remoteAddress());
    }

    /** Fails the running statement when it was cancelled or the client went away. */
    void checkRunnable() {
        if (cancelRequested) {
            throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
        }
        if (!channel.isActive()) {
            throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement: the client disconnected");
        }
    }

    /** Sends a message from the session thread. */
    void send(BackendMessage message) {
        outbox.send(message);
    }

    /** Sends a DataRow, first waiting while the client is behind (back-pressure). */
    void sendRow(BackendMessage.DataRow row) {
        outbox.awaitCapacity(this::checkRunnable);
        outbox.send(row);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        outbox.signal();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (queryRunning) {
            LOG.debug("Client of process {} disconnected during a query; cancelling it", info.processId());
            cancel();
        }
        outbox.signal();
        if (startupReceived) {
            try {
                tasks.execute(this::closeSession);
            } catch (RejectedExecutionException e) {
                LOG.warn("Session threads are shut down; closing the session on the event loop");
                closeSession();
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof PgProtocolException) {
            LOG.info("Protocol violation from {}: {}", ctx.channel().remoteAddress(), root.getMessage());
            ctx.writeAndFlush(PgErrors.response(PgErrors.FATAL, ErrorCode.PROTOCOL_VIOLATION.sqlState(),
                    root.getMessage(), null)).addListener(ChannelFutureListener.CLOSE);
        } else if (root instanceof IOException) {
            LOG.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.warn("Unexpected error on the connection from {}; closing it", ctx.channel().remoteAddress(), root);
            ctx.close();
        }
    }
}
