package io.weir.cli;

import io.weir.server.ServerConfig;
import io.weir.server.WeirServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Runs the Nexmark queries of {@code src/main/resources/nexmark} on an embedded server: for each
 * query a fresh {@link WeirServer} (temporary data directory, loopback, free port), its statements
 * over pgwire with {@code 'table.dml-sync' = 'true'}, and the INSERT timed. The files a query reads
 * or writes besides the events ({@link NexmarkInputs}) live in a temporary directory of their own,
 * deleted after the run as the data directory is. Not thread-safe.
 */
final class NexmarkBench {
    /** Every query file, in order. */
    static final List<String> QUERIES = List.of("q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10",
            "q11", "q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22");

    /** The runtime modes a run can use; streaming is what the published suite measures. */
    static final List<String> MODES = List.of("streaming", "batch");

    private final long events;
    private final long rate;
    private final int parallelism;
    private final String mode;

    NexmarkBench(long events, long rate, int parallelism) {
        this(events, rate, parallelism, "streaming");
    }

    NexmarkBench(long events, long rate, int parallelism, String mode) {
        if (events < 1 || rate < 1 || parallelism < 1) {
            throw new IllegalArgumentException("events, rate and parallelism must be positive");
        }
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; modes: " + String.join(", ", MODES));
        }
        this.events = events;
        this.rate = rate;
        this.parallelism = parallelism;
        this.mode = mode;
    }

    String mode() {
        return mode;
    }

    /** min(parallelism, available processors): how many cores the job can keep busy. */
    int cores() {
        return Math.min(parallelism, Runtime.getRuntime().availableProcessors());
    }

    /** The text of {@code query}'s file; fails for an unknown query. */
    String script(String query) {
        String resource = "/nexmark/" + query + ".sql";
        try (InputStream in = NexmarkBench.class.getResourceAsStream(resource)) {
            if (in == null || !QUERIES.contains(query)) {
                throw new IllegalArgumentException("unknown query '" + query + "'; queries: all, "
                        + String.join(", ", QUERIES));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /**
     * The statements of {@code query} with EVENTS, RATE and {@code inputs} (the variables of
     * {@link NexmarkInputs#prepare}) filled in; fails for an unknown query or an undefined variable.
     */
    List<ScriptSplitter.Statement> statements(String query, Map<String, String> inputs) {
        Map<String, String> values = new HashMap<>(inputs);
        values.put("EVENTS", Long.toString(events));
        values.put("RATE", Long.toString(rate));
        return ScriptSplitter.split(Variables.of(values).substitute(script(query)));
    }

    /** Runs {@code query} on a fresh embedded server; a statement that fails makes a failed result. */
    BenchResult run(String query) throws IOException {
        Path dataDir = Files.createTempDirectory("weir-bench-");
        Path inputDir = Files.createTempDirectory("weir-bench-inputs-");
        try {
            return run(query, statements(query, NexmarkInputs.prepare(script(query), inputDir)), dataDir);
        } finally {
            deleteRecursively(dataDir);
            deleteRecursively(inputDir);
        }
    }

    private BenchResult run(String query, List<ScriptSplitter.Statement> statements, Path dataDir) {
        try (WeirServer server = new WeirServer(new ServerConfig("127.0.0.1", 0, -1, dataDir,
                Math.max(2, parallelism)))) {
            server.start();
            try (Connection connection = connect(server.pgPort()); Statement statement = connection.createStatement()) {
                statement.execute("SET 'table.dml-sync' = 'true'");
                statement.execute("SET 'parallelism.default' = '" + parallelism + "'");
                // the sources are bounded, so the default ('automatic') would pick batch
                statement.execute("SET 'execution.runtime-mode' = '" + mode + "'");
                BenchResult result = null;
                for (ScriptSplitter.Statement sql : statements) {
                    if (isInsert(sql.sql())) {
                        result = measure(query, statement, sql.sql());
                    } else {
                        statement.execute(sql.sql());
                    }
                }
                if (result == null) {
                    throw new IllegalStateException("query file " + query + " has no INSERT");
                }
                return result;
            } catch (SQLException e) {
                return BenchResult.failed(query, events, mode, parallelism, cores(), e.getMessage());
            }
        }
    }

    private BenchResult measure(String query, Statement statement, String insert) throws SQLException {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        resetPeakRss();
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        statement.execute(insert);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuBefore < 0 ? -1 : processCpuSeconds() - cpuBefore;
        long rows = Math.max(0, statement.getUpdateCount());
        long heapPeak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new BenchResult(query, events, rows, elapsed, mode, parallelism, cores(), cpu, peakRss(), heapPeak, null);
    }

    private static boolean isInsert(String sql) {
        String text = sql.stripLeading().toUpperCase(Locale.ROOT);
        while (text.startsWith("--")) {
            int newline = text.indexOf('\n');
            text = newline < 0 ? "" : text.substring(newline + 1).stripLeading();
        }
        return text.startsWith("INSERT") || text.startsWith("EXECUTE STATEMENT SET");
    }

    private static Connection connect(int port) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "weir");
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("ApplicationName", "weir-bench");
        properties.setProperty("assumeMinServerVersion", "9.4");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/weir", properties);
    }

    /** CPU time of this process in seconds, or -1 when the JVM does not report it. */
    private static double processCpuSeconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long nanos = sun.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }

    /** Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs); best effort. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: VmHWM then covers the whole process lifetime
        }
    }

    /** VmHWM (peak resident set size) from /proc/self/status in bytes, or -1 when unavailable. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
