package io.weir.connector.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 client our settings build talks to a real S3 API server (S3Proxy) on loopback. */
class S3SettingsTest {
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
    void putListAndMultipartUploadReachTheStore() throws Exception {
        try (S3Client client = server.settings().newClient()) {
            client.putObject(b -> b.bucket("lake").key("t/a.txt"), RequestBody.fromString("hello"));
            String upload = client.createMultipartUpload(b -> b.bucket("lake").key("t/b.txt")).uploadId();
            byte[] first = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(first, (byte) 'x');
            String etag1 = client.uploadPart(b -> b.bucket("lake").key("t/b.txt").uploadId(upload).partNumber(1),
                    RequestBody.fromBytes(first)).eTag();
            String etag2 = client.uploadPart(b -> b.bucket("lake").key("t/b.txt").uploadId(upload).partNumber(2),
                    RequestBody.fromString("tail")).eTag();
            // Not visible before completion: the listing sees only a.txt.
            assertThat(keys(client)).containsExactly("t/a.txt");
            client.completeMultipartUpload(b -> b.bucket("lake").key("t/b.txt").uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(
                            CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build()).build()));
            assertThat(keys(client)).containsExactly("t/a.txt", "t/b.txt");
        }
        // Independent check: the bytes on S3Proxy's disk.
        assertThat(Files.readString(server.file("lake", "t/a.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(Files.size(server.file("lake", "t/b.txt"))).isEqualTo(5L * 1024 * 1024 + 4);
    }

    @Test
    void wrongSecretIsRejectedBecauseSignaturesAreChecked() {
        S3Settings wrong = new S3Settings(server.endpoint(), "us-east-1", true, S3ProxyServer.ACCESS_KEY, "nope");
        try (S3Client client = wrong.newClient()) {
            assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket("lake"))).isInstanceOf(S3Exception.class);
        }
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(server.settings().toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void parsesLocations() {
        assertThat(S3Location.parse("t", "s3://lake/orders/")).isEqualTo(new S3Location("lake", "orders"));
        assertThat(S3Location.parse("t", "s3://lake").key("x")).isEqualTo("x");
        assertThat(S3Location.isS3("S3://lake/x")).isTrue();
        assertThat(S3Location.isS3("/tmp/x")).isFalse();
    }

    private static List<String> keys(S3Client client) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket("lake").prefix("t/")).contents()) {
            keys.add(object.key());
        }
        return keys;
    }
}
