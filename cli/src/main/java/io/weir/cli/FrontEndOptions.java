package io.weir.cli;

import io.weir.server.ServerConfig;
import io.weir.server.WeirServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/**
 * The options of a process that serves clients ({@code weir server} and {@code weir coordinator}):
 * ports, data directory, slots of its in-JVM worker, connections, authentication and TLS; and how
 * such a process runs until Ctrl-C or SIGTERM.
 */
final class FrontEndOptions {
    @Option(names = "--port", defaultValue = "5455", description = "PostgreSQL wire protocol port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--http-port", defaultValue = "8081", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--data-dir", defaultValue = "./weir-data", description = "Where the catalog and job data live (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    private String host;

    @Option(names = "--slots", defaultValue = "2", description = "Task slots of the embedded worker (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--max-connections", defaultValue = "100",
            description = "Client sessions open at once; more are refused with SQLSTATE 53300 (default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--auth", defaultValue = "trust",
            description = "Client authentication: trust (anyone; the loopback default) or scram (SCRAM-SHA-256 "
                    + "passwords of users made with CREATE USER … PASSWORD …) (default: ${DEFAULT-VALUE}).")
    private String auth;

    @Option(names = "--tls-cert", description = "PEM certificate chain: clients that ask for TLS (sslmode=require) get it.")
    private Path tlsCertificate;

    @Option(names = "--tls-key", description = "PEM private key (PKCS#8) of --tls-cert.")
    private Path tlsKey;

    ServerConfig config() {
        return new ServerConfig(host, port, httpPort, dataDir.toAbsolutePath().normalize(), slots, maxConnections,
                tlsCertificate, tlsKey, scram());
    }

    private boolean scram() {
        return switch (auth) {
            case "trust" -> false;
            case "scram" -> true;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--auth must be trust or scram, not '" + auth + "'");
        };
    }

    /** Starts {@code server} and blocks until a shutdown hook closed it; 1 when it cannot start. */
    static int run(WeirServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "weir-shutdown"));
        try {
            server.start();
        } catch (RuntimeException e) {
            System.err.println("weir: cannot start the server: " + e.getMessage());
            return 1;
        }
        stopped.await();
        return 0;
    }
}
