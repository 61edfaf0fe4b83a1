package io.weir.connector.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Staged objects on a real S3 API server: invisible until commit, commit idempotent, abort and clean-up. */
class S3StagingTest {
    @TempDir
    static Path dir;
    private static S3ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(dir.resolve("s3"), "lake");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stagedObjectIsInvisibleUntilCommitAndCommitTwiceIsFine() {
        try (S3Client client = server.settings().newClient()) {
            S3Staging staging = new S3Staging(client, "t");
            S3PendingObject pending = staging.stage("lake", "a/part-job1-0-0.csv",
                    List.of("1,x\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(keys(client, "a/")).isEmpty();
            staging.commit(pending);
            staging.commit(pending);
            assertThat(keys(client, "a/")).containsExactly("a/part-job1-0-0.csv");
        }
        assertThat(readFile("a/part-job1-0-0.csv")).isEqualTo("1,x\n");
    }

    @Test
    void abortedAndCleanedUpObjectsNeverAppear() {
        try (S3Client client = server.settings().newClient()) {
            S3Staging staging = new S3Staging(client, "t");
            S3PendingObject aborted = staging.stage("lake", "b/part-job2-0-0.csv", List.of(new byte[] {1}));
            staging.abort(aborted);
            staging.abort(aborted);
            staging.stage("lake", "b/part-job2-0-1.csv", List.of(new byte[] {2}));
            staging.stage("lake", "b/part-job2-1-0.csv", List.of(new byte[] {3}));
            S3PendingObject other = staging.stage("lake", "b/part-job3-0-0.csv", List.of(new byte[] {4}));

            assertThat(staging.removeUncommitted("lake", "b/", "-job2-")).isEqualTo(2);
            staging.commit(other);
            assertThat(keys(client, "b/")).containsExactly("b/part-job3-0-0.csv");
            assertThat(staging.removeUncommitted("lake", "b/", "-job2-")).isZero();
        }
    }

    private static String readFile(String key) {
        try {
            return Files.readString(server.file("lake", key), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> keys(S3Client client, String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket("lake").prefix(prefix)).contents()) {
            keys.add(object.key());
        }
        return keys;
    }
}
