package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Window state is released when windows close: 10 M datagen rows through a streaming TUMBLE
 * aggregation at parallelism 1 into 10,000 one-second windows of 100 keys each, in a server JVM
 * whose heap (and so Arrow's direct memory) is capped at 160 MB and which exits when out of memory.
 * Each open window holds a hash aggregation of its own (tables and accumulator vectors of some ten
 * kilobytes at least): kept after the windows close, 10,000 of them and their 1 M groups do not fit
 * (a build that kept them ran out of memory) and the job fails;
 * released, only the windows the watermark (1 s behind, emitted every 5 ms) has not passed are
 * live. The written result must equal the counts computed here: every (window, key) once, with
 * its exact row count and id range, adding up to 10 M.
 */
class WindowStateMemoryEndToEndIT {
    private static final long ROWS = 10_000_000;
    private static final long WINDOW_MILLIS = 1_000;
    private static final int KEYS = 100;

    @TempDir
    Path work;

    @Test
    void tenMillionRowsAggregateInBoundedMemory() throws Exception {
        Path out = work.resolve("out");
        try (ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"), "160m")) {
            server.start();
            PsqlClient psql = new PsqlClient(server.port());
            // the row with id n has event time n ms: window w holds the ids [w * 1,000, (w + 1) * 1,000)
            psql.query("CREATE TABLE src (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id, 3), WATERMARK FOR ts AS ts - "
                    + "INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'number-of-rows' = '" + ROWS + "', "
                    + "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '" + ROWS + "')",
                    "CREATE TABLE window_counts (k BIGINT, n BIGINT, lo BIGINT, hi BIGINT) WITH ("
                            + "'connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'csv')");
            long started = System.nanoTime();
            PsqlClient.Result run = psql.run("SET 'execution.runtime-mode' = 'streaming'",
                    "SET 'parallelism.default' = '1'", "SET 'table.dml-sync' = 'true'",
                    "SET 'pipeline.auto-watermark-interval' = '5 ms'",
                    "INSERT INTO window_counts SELECT k, COUNT(*), MIN(id), MAX(id) FROM (SELECT "
                            + "window_start, window_end, MOD(id, " + KEYS + ") AS k, id FROM TABLE(TUMBLE(TABLE src, "
                            + "DESCRIPTOR(ts), INTERVAL '1' SECOND))) GROUP BY window_start, window_end, k");
            assertThat(run.exitCode()).as("the job ran to its end: " + run.stderr()).isZero();
            System.out.printf("10 M rows through the window aggregation in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }

        Set<Long> seen = new HashSet<>();
        long total = 0;
        long windows = ROWS / WINDOW_MILLIS + 1;
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                try (BufferedReader reader = Files.newBufferedReader(file)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        long[] row = parse(line);
                        long k = row[0];
                        long window = row[2] / WINDOW_MILLIS;
                        assertThat(row[3] / WINDOW_MILLIS).as("one window: " + line).isEqualTo(window);
                        assertThat(seen.add(window * KEYS + k)).as("each (window, key) once: " + line).isTrue();
                        assertThat(row[1]).as(line).isEqualTo(expectedCount(window, k));
                        assertThat(row[2] % KEYS).isEqualTo(k);
                        assertThat(row[3] - row[2]).as(line).isEqualTo((row[1] - 1) * KEYS);
                        total += row[1];
                    }
                }
            }
        }
        long groups = 0;
        for (long w = 0; w < windows; w++) {
            for (long k = 0; k < KEYS; k++) {
                groups += expectedCount(w, k) > 0 ? 1 : 0;
            }
        }
        assertThat(seen).as("every (window, key)").hasSize((int) groups);
        assertThat(total).isEqualTo(ROWS);
    }

    /** How many ids in window {@code window} (and in 1..ROWS) are {@code k} modulo {@link #KEYS}. */
    private static long expectedCount(long window, long k) {
        long first = Math.max(1, window * WINDOW_MILLIS);
        long last = Math.min(ROWS, (window + 1) * WINDOW_MILLIS - 1);
        return last < first ? 0 : countModulo(last, k) - countModulo(first - 1, k);
    }

    /** How many of 0..n are {@code k} modulo {@link #KEYS} (n >= 0). */
    private static long countModulo(long n, long k) {
        return n < k ? 0 : (n - k) / KEYS + 1;
    }

    private static long[] parse(String line) {
        List<String> fields = List.of(line.split(","));
        long[] values = new long[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Long.parseLong(fields.get(i).trim());
        }
        return values;
    }
}
