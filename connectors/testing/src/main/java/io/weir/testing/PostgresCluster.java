package io.weir.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster on a free loopback port, with {@code wal_level = logical}, trust
 * authentication and superuser {@code postgres}: initdb into a fresh folder under the system
 * temporary directory, {@code pg_ctl start}, and on {@link #close} an immediate stop and the
 * folder removed. Uses the newest server under {@code /usr/lib/postgresql/<version>/bin} (Debian's
 * {@code postgresql} package, which {@code .ci/run} installs when missing). initdb refuses to run
 * as root, so as root every server command runs as the {@code postgres} user through {@code su}.
 *
 * <p>Not thread-safe; one test class owns one cluster.
 */
public final class PostgresCluster implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binDir;
    private final Path home;
    private final int port;
    private boolean running;

    private PostgresCluster(Path binDir, Path home, int port) {
        this.binDir = binDir;
        this.home = home;
        this.port = port;
    }

    /** Whether a PostgreSQL server is installed here; tests that need one fail clearly when not. */
    public static boolean isInstalled() {
        return findBinDir() != null;
    }

    /** Creates and starts a cluster; it answers on {@code 127.0.0.1:}{@link #port()} when this returns. */
    public static PostgresCluster start() throws IOException, InterruptedException {
        Path binDir = findBinDir();
        if (binDir == null) {
            throw new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql/*/bin; "
                    + "install Debian's 'postgresql' package (.ci/run does)");
        }
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "weir-pg-");
        PostgresCluster cluster = new PostgresCluster(binDir, home, freePort());
        try {
            cluster.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void initAndStart() throws IOException, InterruptedException {
        if (isRoot()) {
            run(List.of("chown", "postgres", home.toString()), false);
        }
        Path data = home.resolve("data");
        run(List.of(binDir.resolve("initdb").toString(), "--no-sync", "-D", data.toString(), "-A", "trust",
                "-U", "postgres", "-E", "UTF8", "--locale=C"), true);
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c wal_level=logical"
                + " -c max_replication_slots=20 -c max_wal_senders=20 -c fsync=off -c synchronous_commit=off"
                + " -c unix_socket_directories=" + home;
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("log").toString(),
                "-w", "-t", "60", "-o", options, "start"), true);
        running = true;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} on this cluster (user {@code postgres}, no password needed). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The server's log, for a failing test's message. */
    public Path logFile() {
        return home.resolve("log");
    }

    /** Stops the server at once (no checkpoint: the data is thrown away) and removes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (running) {
            running = false;
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"), true);
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c", String.join(" ", command.stream()
                    .map(PostgresCluster::shellQuote).toList())));
        } else {
            full.addAll(command);
        }
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("'" + command.get(0) + "' did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' exited with " + process.exitValue() + ":\n"
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBinDir() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
