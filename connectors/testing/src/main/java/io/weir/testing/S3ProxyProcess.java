package io.weir.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: S3Proxy (copied to {@code target/s3proxy/s3proxy.jar} of the
 * module whose tests run, by that module's build) run as a separate {@code java -jar} process on a
 * free loopback port, keeping objects as plain files under {@code baseDir}. Real SigV4
 * authentication with {@link #ACCESS_KEY} / {@link #SECRET_KEY}. Not thread-safe; one per test class.
 */
public final class S3ProxyProcess implements AutoCloseable {
    public static final String ACCESS_KEY = "weir-test";
    public static final String SECRET_KEY = "weir-test-secret";

    private final Process process;
    private final int port;
    private final Path baseDir;

    private S3ProxyProcess(Process process, int port, Path baseDir) {
        this.process = process;
        this.port = port;
        this.baseDir = baseDir;
    }

    /** Starts S3Proxy with one directory per bucket under {@code baseDir}; waits until it answers. */
    public static S3ProxyProcess start(Path baseDir, String... buckets) throws IOException, InterruptedException {
        Path jar = Paths.get("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("S3Proxy jar missing at " + jar + " (the build copies it; run mvn)");
        }
        for (String bucket : buckets) {
            Files.createDirectories(baseDir.resolve(bucket));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = baseDir.resolveSibling(baseDir.getFileName() + "-s3proxy.conf");
        Files.writeString(config, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + baseDir.toAbsolutePath(),
                "jclouds.identity=unused",
                "jclouds.credential=unused", ""), StandardCharsets.UTF_8);
        Path log = baseDir.resolveSibling(baseDir.getFileName() + "-s3proxy.log");
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-jar", jar.toString(), "--properties",
                config.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyProcess server = new S3ProxyProcess(process, port, baseDir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(server.endpoint() + "/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode();   // 403 to an anonymous request: it is up
                connection.disconnect();
                return server;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        server.close();
        throw new IllegalStateException("S3Proxy did not start within 60 s: " + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the object {@code key} of {@code bucket} lives on disk. */
    public Path file(String bucket, String key) {
        return baseDir.resolve(bucket).resolve(key);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
