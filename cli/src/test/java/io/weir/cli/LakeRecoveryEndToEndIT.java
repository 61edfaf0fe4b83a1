package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.S3ProxyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake exactly once across a crash: a streaming GROUP BY over a rate-limited generator writes its
 * changelog into Parquet objects on S3 (S3Proxy on loopback) with the {@code op} column and
 * checkpoints every 500 ms; the server is killed with SIGKILL half way and started again. In the
 * objects DuckDB then reads, each group's count goes through every value from 1 to its final one
 * exactly once as {@code +I}/{@code +U} and every value but the last once as {@code -U}, and the
 * last values are the GROUP BY computed here.
 */
class LakeRecoveryEndToEndIT {
    private static final int ROWS = 15_000;
    private static final int GROUPS = 7;
    static final String INSERT = "INSERT INTO lake SELECT id % " + GROUPS + ", COUNT(*), SUM(id) FROM src GROUP BY id % "
            + GROUPS;

    @TempDir
    Path work;

    @Test
    void aKilledServerResumesItsLakeJobAndEveryChangeIsInTheObjectsExactlyOnce() throws Exception {
        Path s3 = work.resolve("s3");
        try (S3ProxyProcess proxy = S3ProxyProcess.start(s3, "lake");
                ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"))) {
            server.start();
            PsqlClient psql = new PsqlClient(server.port());
            createTables(psql, proxy);
            String jobId = psql.query("SET 'execution.runtime-mode' = 'streaming'",
                    "SET 'execution.checkpointing.interval' = '500ms'", INSERT);
            crashMidJobAndAwaitFinish(server, s3, jobId);
        }

        assertEveryChangeExactlyOnce(s3);
    }

    /** The generator {@code src} and the Parquet table {@code lake} on S3Proxy's bucket {@code lake}. */
    static void createTables(PsqlClient psql, S3ProxyProcess proxy) throws Exception {
        psql.query("CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '" + ROWS
                + "', 'rows-per-second' = '1500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                + "'fields.id.end' = '" + ROWS + "')",
                "CREATE TABLE lake (k BIGINT, op STRING METADATA FROM 'row_kind' VIRTUAL, n BIGINT, total BIGINT) "
                        + "WITH ('connector' = 'filesystem', 'path' = 's3://lake/agg', 'format' = 'parquet', "
                        + "'parquet.compression' = 'zstd', 's3.endpoint' = '" + proxy.endpoint() + "', "
                        + "'s3.region' = 'us-east-1', 's3.path-style-access' = 'true', 's3.access-key' = '"
                        + S3ProxyProcess.ACCESS_KEY + "', 's3.secret-key' = '" + S3ProxyProcess.SECRET_KEY + "')");
    }

    /**
     * Kills {@code server} with SIGKILL once the first checkpoints have committed objects (well before
     * the generator is done), starts it again and waits until job {@code jobId} resumed and finished.
     */
    static void crashMidJobAndAwaitFinish(ServerProcess server, Path s3, String jobId) throws Exception {
        for (int i = 0; i < 300 && objects(s3).isEmpty(); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        server.kill();
        int before = objects(s3).size();

        server.start();
        PsqlClient psql = new PsqlClient(server.port());
        String status = "";
        for (int i = 0; i < 300 && !status.contains("FINISHED"); i++) {
            Thread.sleep(100);
            status = psql.query("SHOW JOBS").lines().filter(l -> l.startsWith(jobId)).findFirst().orElse("");
        }
        assertThat(status).as("the job resumed under its id and finished").contains("FINISHED");
        assertThat(before).as("objects committed before the crash").isPositive();
    }

    /** Every group's changes are in the committed objects exactly once, and its last row is the GROUP BY's. */
    static void assertEveryChangeExactlyOnce(Path s3) throws Exception {
        List<Path> objects = objects(s3);
        String list = objects.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
        Map<Long, List<Long>> accumulated = new TreeMap<>();
        Map<Long, List<Long>> retracted = new TreeMap<>();
        Map<Long, long[]> last = new TreeMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT k, op, n, total FROM read_parquet(" + list + ")")) {
            while (r.next()) {
                long k = r.getLong(1);
                long n = r.getLong(3);
                boolean retraction = r.getString(2).equals("-U");
                assertThat(r.getString(2)).isIn("+I", "-U", "+U");
                (retraction ? retracted : accumulated).computeIfAbsent(k, x -> new ArrayList<>()).add(n);
                if (!retraction && n > last.getOrDefault(k, new long[] {0, 0})[0]) {
                    last.put(k, new long[] {n, r.getLong(4)});
                }
            }
        }
        for (long k = 0; k < GROUPS; k++) {
            long key = k;
            long count = LongStream.rangeClosed(1, ROWS).filter(id -> id % GROUPS == key).count();
            long sum = LongStream.rangeClosed(1, ROWS).filter(id -> id % GROUPS == key).sum();
            assertThat(accumulated.get(k).stream().sorted().toList()).as("+I/+U counts of group %s", k)
                    .isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
            assertThat(retracted.get(k).stream().sorted().toList()).as("-U counts of group %s", k)
                    .isEqualTo(LongStream.range(1, count).boxed().toList());
            assertThat(last.get(k)).as("final row of group %s", k).containsExactly(count, sum);
        }
    }

    /** The committed Parquet objects S3Proxy keeps on disk (its own files and hidden names skipped). */
    static List<Path> objects(Path s3) throws Exception {
        Path root = s3.resolve("lake").resolve("agg");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
