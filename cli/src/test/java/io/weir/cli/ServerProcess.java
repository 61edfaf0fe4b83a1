package io.weir.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Weir server in a separate JVM on free loopback ports, so that a test can kill it with SIGKILL
 * as an operator's mistake or a crash would, and start it again on the same data directory. The
 * same for a cluster: {@link #coordinator} (with an RPC port) and {@link #worker} processes.
 */
final class ServerProcess implements AutoCloseable {
    private final Path log;
    private final int port;
    private final int httpPort;
    private final int rpcPort;
    private final List<String> command;
    // the server's -Xmx, or null for the JVM's default
    private final String maxHeap;
    private Process process;

    ServerProcess(Path dataDir, Path log) throws IOException {
        this(dataDir, log, null);
    }

    /** A server whose JVM heap is at most {@code maxHeap} (as {@code -Xmx} takes it, e.g. {@code 192m}); it exits when that is not enough. */
    ServerProcess(Path dataDir, Path log, String maxHeap) throws IOException {
        this.maxHeap = maxHeap;
        this.log = log;
        this.port = freePort();
        this.httpPort = freePort();
        this.rpcPort = -1;
        this.command = List.of("server", "--port", Integer.toString(port), "--http-port", Integer.toString(httpPort),
                "--data-dir", dataDir.toString());
    }

    private ServerProcess(Path dataDir, Path log, int rpcPort, List<String> command) throws IOException {
        this.maxHeap = null;
        this.log = log;
        this.rpcPort = rpcPort;
        this.port = command.get(0).equals("coordinator") ? Integer.parseInt(command.get(2)) : -1;
        this.httpPort = command.get(0).equals("coordinator") ? Integer.parseInt(command.get(4)) : -1;
        this.command = List.copyOf(command);
    }

    /** A coordinator of worker processes on free loopback ports. */
    static ServerProcess coordinator(Path dataDir, Path log) throws IOException {
        int rpc = freePort();
        return new ServerProcess(dataDir, log, rpc, List.of("coordinator", "--port", Integer.toString(freePort()),
                "--http-port", Integer.toString(freePort()), "--rpc-port", Integer.toString(rpc), "--data-dir",
                dataDir.toString(), "--heartbeat-timeout", "5"));
    }

    /** A worker process with {@code slots} slots that joins {@code coordinator}. */
    static ServerProcess worker(ServerProcess coordinator, int slots, Path dataDir, Path log) throws IOException {
        return new ServerProcess(dataDir, log, -1, List.of("worker", "--coordinator", "127.0.0.1:" + coordinator.rpcPort,
                "--slots", Integer.toString(slots), "--data-dir", dataDir.toString()));
    }

    int port() {
        return port;
    }

    int httpPort() {
        return httpPort;
    }

    /** The process id, while it runs (to read its memory from /proc). */
    long pid() {
        return process.pid();
    }

    /** Starts the process and waits until it accepts connections (a worker: until it runs). */
    void start() throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        if (!command.get(0).equals("server")) {
            // cluster processes share the test machine: keep each one's heap small and its memory comparable
            full.add("-Xmx512m");
        } else if (maxHeap != null) {
            // a server out of memory exits (the test then fails at once) instead of hanging half alive
            full.addAll(List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError"));
        }
        full.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.weir.cli.WeirMain"));
        full.addAll(command);
        process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (port < 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not listen within 60 s; see " + log);
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful shutdown. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
