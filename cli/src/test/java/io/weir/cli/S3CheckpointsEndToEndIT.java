package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.S3ProxyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints on S3 across a crash: the job of LakeRecoveryEndToEndIT (a GROUP BY over a rate-limited
 * generator into Parquet objects on S3, the server killed with SIGKILL half way and started again),
 * with its GROUP BY state in RocksDB and its checkpoints in {@code s3://ckpt/weir} (S3Proxy on
 * loopback, client keys SET as {@code state.checkpoints.s3.*}), retaining 2. The job resumes from its
 * checkpoint on S3 and finishes; every change is in the objects exactly once (the same check as
 * LakeRecoveryEndToEndIT, against a GROUP BY computed in Java); S3 holds at most 2 checkpoint
 * metadata objects and the incremental snapshots' shared SST files.
 */
class S3CheckpointsEndToEndIT {
    private static final int ROWS = 15_000;
    private static final int GROUPS = 7;

    @TempDir
    Path work;

    @Test
    void aJobCheckpointingToS3ResumesAfterAKillAndItsOutputIsExactlyOnce() throws Exception {
        Path s3 = work.resolve("s3");
        try (S3ProxyProcess proxy = S3ProxyProcess.start(s3, "lake", "ckpt");
                ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"))) {
            server.start();
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '" + ROWS
                    + "', 'rows-per-second' = '1500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '" + ROWS + "')",
                    "CREATE TABLE lake (k BIGINT, op STRING METADATA FROM 'row_kind' VIRTUAL, n BIGINT, total BIGINT) "
                            + "WITH ('connector' = 'filesystem', 'path' = 's3://lake/agg', 'format' = 'parquet', "
                            + "'parquet.compression' = 'zstd', 's3.endpoint' = '" + proxy.endpoint() + "', "
                            + "'s3.region' = 'us-east-1', 's3.path-style-access' = 'true', 's3.access-key' = '"
                            + S3ProxyProcess.ACCESS_KEY + "', 's3.secret-key' = '" + S3ProxyProcess.SECRET_KEY + "')");
            String jobId = psql.query("SET 'execution.runtime-mode' = 'streaming'",
                    "SET 'state.backend.type' = 'rocksdb'", "SET 'state.checkpoints.dir' = 's3://ckpt/weir'",
                    "SET 'state.checkpoints.num-retained' = '2'",
                    "SET 'state.checkpoints.s3.endpoint' = '" + proxy.endpoint() + "'",
                    "SET 'state.checkpoints.s3.path-style-access' = 'true'",
                    "SET 'state.checkpoints.s3.access-key' = '" + S3ProxyProcess.ACCESS_KEY + "'",
                    "SET 'state.checkpoints.s3.secret-key' = '" + S3ProxyProcess.SECRET_KEY + "'",
                    "SET 'execution.checkpointing.interval' = '500ms'",
                    "INSERT INTO lake SELECT id % " + GROUPS + ", COUNT(*), SUM(id) FROM src GROUP BY id % " + GROUPS);
            // crash once the first checkpoints have committed objects, well before the generator is done
            for (int i = 0; i < 300 && objects(s3).isEmpty(); i++) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            server.kill();
            int before = objects(s3).size();

            server.start();
            psql = new PsqlClient(server.port());
            String status = "";
            for (int i = 0; i < 300 && !status.contains("FINISHED"); i++) {
                Thread.sleep(100);
                status = psql.query("SHOW JOBS").lines().filter(l -> l.startsWith(jobId)).findFirst().orElse("");
            }
            assertThat(status).as("the job resumed under its id and finished").contains("FINISHED");
            assertThat(before).as("objects committed before the crash").isPositive();
            Path jobDir = s3.resolve("ckpt").resolve("weir").resolve(jobId.trim());
            List<String> metadata;
            try (Stream<Path> files = Files.list(jobDir)) {
                metadata = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("chk-\\d+")).toList();
            }
            assertThat(metadata).as("retained checkpoint metadata on S3").isNotEmpty().hasSizeLessThanOrEqualTo(2);
            try (Stream<Path> files = Files.list(jobDir.resolve("shared"))) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".sst")).count())
                        .as("shared SST files on S3").isPositive();
            }
        }

        LakeRecoveryEndToEndIT.assertEveryChangeExactlyOnce(s3);
    }

    private static List<Path> objects(Path s3) throws Exception {
        return LakeRecoveryEndToEndIT.objects(s3);
    }
}
