package io.weir.cli;

import io.weir.server.ServerConfig;
import io.weir.server.WeirServer;
import java.nio.file.Path;

/** An embedded Weir server on free loopback ports, for end-to-end tests. */
final class TestServer implements AutoCloseable {
    private final WeirServer server;

    TestServer(Path dataDir) {
        server = new WeirServer(new ServerConfig("127.0.0.1", 0, 0, dataDir, 2));
        server.start();
    }

    int port() {
        return server.pgPort();
    }

    int httpPort() {
        return server.httpPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
