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
    @TempDir
    Path work;

    @Test
    void aJobCheckpointingToS3ResumesAfterAKillAndItsOutputIsExactlyOnce() throws Exception {
        Path s3 = work.resolve("s3");
        try (S3ProxyProcess proxy = S3ProxyProcess.start(s3, "lake", "ckpt");
                ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("server.log"))) {
            server.start();
            PsqlClient psql = new PsqlClient(server.port());
            LakeRecoveryEndToEndIT.createTables(psql, proxy);
            String jobId = psql.query("SET 'execution.runtime-mode' = 'streaming'",
                    "SET 'state.backend.type' = 'rocksdb'", "SET 'state.checkpoints.dir' = 's3://ckpt/weir'",
                    "SET 'state.checkpoints.num-retained' = '2'",
                    "SET 'state.checkpoints.s3.endpoint' = '" + proxy.endpoint() + "'",
                    "SET 'state.checkpoints.s3.path-style-access' = 'true'",
                    "SET 'state.checkpoints.s3.access-key' = '" + S3ProxyProcess.ACCESS_KEY + "'",
                    "SET 'state.checkpoints.s3.secret-key' = '" + S3ProxyProcess.SECRET_KEY + "'",
                    "SET 'execution.checkpointing.interval' = '500ms'", LakeRecoveryEndToEndIT.INSERT);
            LakeRecoveryEndToEndIT.crashMidJobAndAwaitFinish(server, s3, jobId);
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
}
