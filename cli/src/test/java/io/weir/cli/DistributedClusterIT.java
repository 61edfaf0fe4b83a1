package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cluster of separate processes on 127.0.0.1: one coordinator and three workers with two slots
 * each. A parallel aggregation (parallelism 6, a hash exchange across the processes) gives what
 * parallelism 1 gives and what plain Java computes; a slow sink slows the source down across the
 * processes without any buffer growing; and a worker killed with SIGKILL under a running job makes
 * the job restart on the remaining slots and finish with the right result.
 */
class DistributedClusterIT extends ClusterProcessesBase {
    private static final Pattern ROWS_OUT = Pattern.compile("\"name\":\"([^\"]+)\",\"parallelism\":\\d+,\"rows-in\":(\\d+),"
            + "\"rows-out\":(\\d+)");

    @Test
    void parallelAggregationAcrossWorkerProcessesAgreesWithParallelismOne() throws Exception {
        ServerProcess coordinator = cluster.startCoordinator();
        for (String name : List.of("w1", "w2", "w3")) {
            cluster.startWorker(coordinator, 2, name);
        }
        PsqlClient psql = new PsqlClient(coordinator.port());
        TestCluster.awaitWorkers(psql, 3);
        int rows = 600_000;
        psql.query("CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '" + rows
                + "', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '" + rows + "')");
        String query = "SELECT MOD(id, 13) AS k, COUNT(*), SUM(id) FROM g GROUP BY MOD(id, 13) ORDER BY k";
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < 13; k++) {
            long count = 0;
            long sum = 0;
            for (long id = 1; id <= rows; id++) {
                if (id % 13 == k) {
                    count++;
                    sum += id;
                }
            }
            expected.append(k).append('|').append(count).append('|').append(sum).append('\n');
        }
        String one = psql.query("SET 'parallelism.default' = '1'", query);
        String six = psql.query("SET 'parallelism.default' = '6'", query);
        assertThat(one).isEqualTo(expected.toString().strip());
        assertThat(six).isEqualTo(one);

        // where the subtasks of a parallelism-6 pipeline ran (a query's job is gone once its rows went out)
        psql.query("CREATE TABLE drop_all (k BIGINT, n BIGINT) WITH ('connector' = 'blackhole')");
        String pipeline = psql.query("SET 'parallelism.default' = '6'",
                "INSERT INTO drop_all SELECT MOD(id, 13), COUNT(*) FROM g GROUP BY MOD(id, 13)").strip();
        String detail = http(coordinator, "/jobs/" + pipeline);
        Set<String> workersOfWidestJob = new HashSet<>();
        Matcher worker = Pattern.compile("\"worker\":\"(worker-[0-9a-f]+)\"").matcher(detail);
        while (worker.find()) {
            workersOfWidestJob.add(worker.group(1));
        }
        assertThat(workersOfWidestJob).as("the parallelism-6 job spreads over every worker").hasSize(3);
        assertThat(http(coordinator, "/metrics")).contains("# TYPE weir_workers gauge").contains("weir_workers 3");
        assertThat(http(coordinator, "/workers")).contains("\"slots-total\":2");
    }

    @Test
    void aSlowSinkSlowsTheSourceAcrossProcessesWithBoundedBuffers() throws Exception {
        ServerProcess coordinator = cluster.startCoordinator();
        cluster.startWorker(coordinator, 2, "w1");
        cluster.startWorker(coordinator, 2, "w2");
        PsqlClient psql = new PsqlClient(coordinator.port());
        TestCluster.awaitWorkers(psql, 2);
        psql.query("CREATE TABLE fast (id BIGINT, pad STRING) WITH ('connector' = 'datagen', 'fields.pad.length' = '100')",
                "CREATE TABLE slow (id BIGINT, pad STRING) WITH ('connector' = 'slow-sink', 'delay-per-batch' = '100ms')");
        // a streaming GROUP BY behind a hash exchange: its subtasks feed the slow sink, so they fall behind
        // and hold back the sources in the other process through credits
        String jobId = psql.query("SET 'parallelism.default' = '2'", "SET 'execution.runtime-mode' = 'streaming'",
                "INSERT INTO slow SELECT MOD(id, 100000), MAX(pad) FROM fast GROUP BY MOD(id, 100000)").strip();
        long[] first = null;
        long[] last = null;
        java.util.Map<String, Long> peakArrow = new java.util.HashMap<>();
        java.util.Map<String, Long> peakHeap = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(1000);
            last = sourceAndSinkRows(coordinator, jobId);
            if (first == null && last[1] > 0) {
                first = last;
            }
            String metrics = http(coordinator, "/metrics");
            peak(metrics, "weir_worker_arrow_bytes", peakArrow);
            peak(metrics, "weir_worker_heap_bytes", peakHeap);
        }
        // memory on every worker stays bounded while the generator is held back: Arrow batches in
        // gates and credits, and the heap of a worker started with -Xmx512m
        System.out.printf("slow sink: %d rows from the source, %d into the aggregate; peak Arrow bytes %s, heap %s%n",
                last[0], last[1], peakArrow, peakHeap);
        assertThat(peakArrow).as("workers reporting Arrow memory").hasSize(2);
        assertThat(peakArrow.values()).allMatch(bytes -> bytes < 64L << 20);
        assertThat(peakHeap.values()).allMatch(bytes -> bytes > 0 && bytes < 400L << 20);
        assertThat(first).as("the job moves rows").isNotNull();
        long inFlight = last[0] - last[1];
        // the aggregate's subtasks take a batch per sink delay (100 ms) at most: an unthrottled
        // generator makes millions of rows in ten seconds; what is between them is bounded by the
        // gates (8 batches) and the credits (4 batches per channel) of every channel
        assertThat(last[0]).as("rows the source produced in 10 s").isLessThan(2_000_000);
        assertThat(inFlight).as("rows between the source and the aggregate").isLessThan(2L * 2 * (8 + 4) * 4096);
        psql.query("STOP JOB '" + jobId + "'");
    }

    /** Keeps, per worker, the highest value of gauge {@code name} seen in Prometheus text {@code metrics}. */
    private static void peak(String metrics, String name, java.util.Map<String, Long> peaks) {
        Matcher line = Pattern.compile("^" + name + "\\{worker=\"([^\"]+)\"\\} (\\d+)$", Pattern.MULTILINE).matcher(metrics);
        while (line.find()) {
            peaks.merge(line.group(1), Long.parseLong(line.group(2)), Math::max);
        }
    }

    /** Rows out of the source vertex and into the aggregate, summed over subtasks. */
    private static long[] sourceAndSinkRows(ServerProcess coordinator, String jobId) throws Exception {
        String detail = http(coordinator, "/jobs/" + jobId);
        Matcher vertex = ROWS_OUT.matcher(detail);
        long source = 0;
        long sink = 0;
        while (vertex.find()) {
            if (vertex.group(1).startsWith("Source")) {
                source = Long.parseLong(vertex.group(3));
            } else if (vertex.group(1).startsWith("GroupAggregate")) {
                sink = Long.parseLong(vertex.group(2));
            }
        }
        return new long[] {source, sink};
    }

    @Test
    void aKilledWorkerMakesItsJobRestartAndFinishRight() throws Exception {
        ServerProcess coordinator = cluster.startCoordinator();
        cluster.startWorker(coordinator, 2, "w1");
        ServerProcess victim = cluster.startWorker(coordinator, 2, "w2");
        PsqlClient psql = new PsqlClient(coordinator.port());
        TestCluster.awaitWorkers(psql, 2);
        Path out = work.resolve("out");
        psql.query("CREATE TABLE slow_src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '60000', "
                        + "'rows-per-second' = '10000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                        + "'fields.id.end' = '60000')",
                "CREATE TABLE counts (k BIGINT, n BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                        + "', 'format' = 'csv')");
        String jobId = psql.query("SET 'parallelism.default' = '4'", "SET 'execution.runtime-mode' = 'batch'",
                "INSERT INTO counts SELECT MOD(id, 3), COUNT(*) FROM slow_src GROUP BY MOD(id, 3)").strip();
        Thread.sleep(2500);
        victim.kill();
        cluster.startWorker(coordinator, 2, "w3");
        String status = "";
        for (int i = 0; i < 600 && !status.contains("FINISHED") && !status.contains("FAILED"); i++) {
            Thread.sleep(100);
            status = psql.query("SHOW JOBS").lines().filter(l -> l.startsWith(jobId)).findFirst().orElse("");
        }
        assertThat(status).contains("FINISHED");
        assertThat(Files.readString(work.resolve("coordinator.log"))).contains("was lost");
        TreeMap<String, String> counts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.split(",");
                    assertThat(counts.put(parts[0], parts[1])).as("key " + parts[0] + " written once").isNull();
                }
            }
        }
        assertThat(counts).containsExactly(java.util.Map.entry("0", "20000"), java.util.Map.entry("1", "20000"),
                java.util.Map.entry("2", "20000"));
    }

    private static String http(ServerProcess coordinator, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + coordinator.httpPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
