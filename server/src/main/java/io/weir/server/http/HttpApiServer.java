package io.weir.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.weir.server.job.JobInfo;
import io.weir.server.job.JobManager;
import io.weir.executor.VertexMetrics;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's HTTP API (JSON): {@code GET /health}, {@code GET /jobs}, {@code GET /jobs/<id>}
 * (with its vertices, each subtask's worker, rows in and out, back-pressure and watermarks),
 * {@code GET /jobs/<id>/checkpoints}, {@code POST /jobs/<id>/stop}, {@code POST /jobs/<id>/savepoint},
 * {@code GET /workers}, and {@code GET /metrics} in Prometheus' text format. Read-only views of what SHOW JOBS shows, for tools and scripts.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int requestedPort;
    private final JobManager jobs;
    private EventLoopGroup group;
    private Channel channel;

    public HttpApiServer(String host, int port, JobManager jobs) {
        this.host = requireNonNull(host, "host is null");
        this.requestedPort = port;
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    public void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new Handler());
                    }
                });
        try {
            channel = bootstrap.bind(host, requestedPort).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot listen for HTTP on " + host + ":" + requestedPort
                    + " (" + e.getMessage() + "); pass another --http-port", e);
        }
        LOG.info("HTTP API listening on http://{}:{}/jobs", host, port());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private Map<String, Object> describe(JobInfo job) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", job.id());
        map.put("name", job.name());
        map.put("status", jobs.displayStatus(job));
        map.put("start-time", job.startTime().toString());
        map.put("statement", job.statement());
        job.failureReason().ifPresent(reason -> map.put("failure", reason));
        map.put("rows-written", job.handle().rowsWritten());
        map.put("delivery-guarantee", job.handle().deliveryGuarantee().name());
        map.put("late-rows-dropped", job.handle().metrics().values().stream()
                .mapToLong(VertexMetrics::lateRowsDropped).sum());
        return map;
    }

    /** A body in Prometheus' text exposition format rather than JSON. */
    private record PrometheusText(String text) {
    }

    /** Answers one request at a time per connection; every answer is small JSON (or, for /metrics, Prometheus text). */
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            String path = request.uri().replaceAll("\\?.*$", "").replaceAll("/+$", "");
            HttpResponseStatus status = HttpResponseStatus.OK;
            Object body;
            try {
                body = route(request.method(), path);
            } catch (WeirException e) {
                status = e.code() == ErrorCode.UNDEFINED_OBJECT ? HttpResponseStatus.NOT_FOUND
                        : HttpResponseStatus.BAD_REQUEST;
                body = Map.of("error", e.getMessage());
            }
            if (body == null) {
                status = HttpResponseStatus.NOT_FOUND;
                body = Map.of("error", "no such resource: " + request.method() + " " + path);
            }
            boolean text = body instanceof PrometheusText;
            byte[] bytes = text ? ((PrometheusText) body).text().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(body);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, text ? "text/plain; version=0.0.4; charset=utf-8"
                    : "application/json; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        private Object route(HttpMethod method, String path) {
            String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
            if (method.equals(HttpMethod.GET) && parts.length == 1 && parts[0].equals("health")) {
                return Map.of("status", "ok");
            }
            if (method.equals(HttpMethod.GET) && parts.length == 1 && parts[0].equals("workers")) {
                List<Object> list = new ArrayList<>();
                jobs.workers().forEach(w -> list.add(Map.of("id", w.id(), "address", w.address(), "slots-free", w.slotsFree(),
                        "slots-total", w.slotsTotal(), "last-heartbeat", w.lastHeartbeat().toString())));
                return Map.of("workers", list);
            }
            if (method.equals(HttpMethod.GET) && parts.length == 1 && parts[0].equals("metrics")) {
                return new PrometheusText(PrometheusMetrics.render(jobs));
            }
            if (parts.length == 0 || !parts[0].equals("jobs")) {
                return null;
            }
            if (method.equals(HttpMethod.GET) && parts.length == 1) {
                List<Object> list = new ArrayList<>();
                jobs.jobs().forEach(job -> list.add(describe(job)));
                return Map.of("jobs", list);
            }
            if (method.equals(HttpMethod.GET) && parts.length == 2) {
                Map<String, Object> detail = describe(jobs.job(parts[1]));
                detail.putAll(JobDetail.of(jobs.job(parts[1])));
                return detail;
            }
            if (method.equals(HttpMethod.POST) && parts.length == 3 && parts[2].equals("stop")) {
                return describe(jobs.stop(parts[1]));
            }
            if (method.equals(HttpMethod.POST) && parts.length == 3 && parts[2].equals("savepoint")) {
                return Map.of("savepoint", jobs.stopWithSavepoint(parts[1]).toString());
            }
            if (method.equals(HttpMethod.GET) && parts.length == 3 && parts[2].equals("checkpoints")) {
                List<Object> list = new ArrayList<>();
                jobs.job(parts[1]).handle().checkpoints().forEach(c -> list.add(Map.of("id", c.id(), "status", c.status(),
                        "trigger_time", c.triggered().toString(), "duration_ms", c.durationMillis(), "size_bytes",
                        c.sizeBytes(), "alignment_ms", c.alignmentMillis(), "end_to_end_ms", c.endToEndMillis())));
                return Map.of("checkpoints", list);
            }
            return null;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP connection failed: {}", cause.toString());
            ctx.close();
        }
    }
}
