package io.weir.connector.filesystem;

import io.weir.testing.S3ProxyProcess;
import java.io.IOException;
import java.nio.file.Path;

/** S3Proxy on loopback ({@link S3ProxyProcess}) with the filesystem connector's client settings for it. */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = S3ProxyProcess.ACCESS_KEY;
    static final String SECRET_KEY = S3ProxyProcess.SECRET_KEY;

    private final S3ProxyProcess process;

    private S3ProxyServer(S3ProxyProcess process) {
        this.process = process;
    }

    /** Starts S3Proxy with one directory per bucket under {@code baseDir}; waits until it answers. */
    static S3ProxyServer start(Path baseDir, String... buckets) throws IOException, InterruptedException {
        return new S3ProxyServer(S3ProxyProcess.start(baseDir, buckets));
    }

    String endpoint() {
        return process.endpoint();
    }

    /** Where the object {@code key} of {@code bucket} lives on disk. */
    Path file(String bucket, String key) {
        return process.file(bucket, key);
    }

    /** Settings for a client of this server, path-style, with the test keys. */
    S3Settings settings() {
        return new S3Settings(endpoint(), "us-east-1", true, ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() {
        process.close();
    }
}
