package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exactly-once workload of the cluster fault tests: a rate-limited bounded generator {@code src}
 * of the ids 1..rows (event time {@code id * 10} ms), a pass-through of it into the CSV table
 * {@code ids_out} and a keyed TUMBLE window aggregation (1 s, key {@code id % 5}) into
 * {@code win_out}, both checkpointing every second into exactly-once filesystem sinks under the
 * test's folder. {@link #assertExactlyOnce} compares the committed output with what plain Java
 * computes from the same ids.
 */
final class IdsAndWindowsJobs {
    private final Path work;
    private final int rows;

    IdsAndWindowsJobs(Path work, int rows) {
        this.work = work;
        this.rows = rows;
    }

    /** Creates the tables, then starts both jobs at {@code parallelism}; returns their ids (pass-through first). */
    List<String> start(PsqlClient psql, int rowsPerSecond, int parallelism) throws IOException, InterruptedException {
        psql.query("CREATE TABLE src (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 10, 3), WATERMARK FOR ts AS ts - INTERVAL '1' "
                        + "SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '" + rowsPerSecond
                        + "', 'number-of-rows' = '" + rows + "', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                        + "'fields.id.end' = '" + rows + "')",
                "CREATE TABLE ids_out (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + work.resolve("ids")
                        + "', 'format' = 'csv')",
                "CREATE TABLE win_out (first_id BIGINT, k BIGINT, n BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                        + work.resolve("windows") + "', 'format' = 'csv')");
        List<String> settings = List.of("SET 'execution.runtime-mode' = 'streaming'",
                "SET 'execution.checkpointing.interval' = '1s'", "SET 'parallelism.default' = '" + parallelism + "'",
                "SET 'restart-strategy.exponential-delay.initial-backoff' = '200ms'");
        List<String> ids = new ArrayList<>();
        for (String insert : List.of("INSERT INTO ids_out SELECT id FROM src", "INSERT INTO win_out SELECT MIN(id), "
                + "MOD(id, 5), COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' SECOND)) "
                + "GROUP BY window_start, window_end, MOD(id, 5)")) {
            List<String> statements = new ArrayList<>(settings);
            statements.add(insert);
            ids.add(psql.query(statements.toArray(String[]::new)).strip());
        }
        return ids;
    }

    /** The ids in the committed files of {@code ids_out} so far. */
    List<Long> committedIds() throws IOException {
        List<Long> ids = new ArrayList<>();
        for (String line : TestCluster.committedLines(work.resolve("ids"))) {
            ids.add(Long.parseLong(line));
        }
        return ids;
    }

    /** Every id is in {@code ids_out} exactly once, and {@code win_out} has every window's exact count. */
    void assertExactlyOnce() throws IOException {
        List<Long> ids = committedIds();
        assertThat(ids).hasSize(rows);
        assertThat(ids.stream().distinct().count()).isEqualTo(rows);
        assertThat(ids.stream().mapToLong(Long::longValue).sum()).isEqualTo((long) rows * (rows + 1) / 2);
        Map<String, long[]> expected = new TreeMap<>();
        for (long id = 1; id <= rows; id++) {
            long[] window = expected.computeIfAbsent((id * 10 / 1000) + "/" + (id % 5), k -> new long[] {Long.MAX_VALUE, 0});
            window[0] = Math.min(window[0], id);
            window[1]++;
        }
        List<String> expectedRows = new ArrayList<>();
        expected.forEach((key, w) -> expectedRows.add(w[0] + "," + key.substring(key.indexOf('/') + 1) + "," + w[1]));
        assertThat(TestCluster.committedLines(work.resolve("windows"))).as("every window count exact")
                .containsExactlyInAnyOrderElementsOf(expectedRows);
    }
}
