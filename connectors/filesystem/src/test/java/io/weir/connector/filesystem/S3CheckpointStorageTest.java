package io.weir.connector.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.checkpoint.CheckpointStorage;
import io.weir.spi.checkpoint.CheckpointStorageFactory;
import io.weir.spi.error.WeirException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint storage on S3 (S3Proxy on loopback), found through ServiceLoader by its scheme and
 * configured from {@code state.checkpoints.s3.*} or plain {@code s3.*} job options: objects written,
 * uploaded, read, downloaded, listed one level deep, deleted.
 */
class S3CheckpointStorageTest {
    @TempDir
    static Path dir;
    private static S3ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(dir.resolve("s3"), "ckpt");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CheckpointStorageFactory factory() {
        for (CheckpointStorageFactory factory : ServiceLoader.load(CheckpointStorageFactory.class)) {
            if (factory.scheme().equals("s3")) {
                return factory;
            }
        }
        throw new AssertionError("no s3 checkpoint storage registered");
    }

    @Test
    void objectsRoundTripAndListOneLevel() throws Exception {
        CheckpointStorage storage = factory().create(Map.of("state.checkpoints.s3.endpoint", server.endpoint(),
                "state.checkpoints.s3.path-style-access", "true", "s3.access-key", S3ProxyServer.ACCESS_KEY,
                "s3.secret-key", S3ProxyServer.SECRET_KEY));
        String job = storage.resolve("s3://ckpt/jobs", "j1");
        assertThat(job).isEqualTo("s3://ckpt/jobs/j1");
        assertThat(storage.list(job)).isEmpty();
        storage.write(storage.resolve(job, "chk-1"), "one".getBytes(StandardCharsets.UTF_8));
        Path local = dir.resolve("a.sst");
        Files.writeString(local, "sst bytes");
        storage.upload(local, storage.resolve(storage.resolve(job, "shared"), "x-a.sst"));
        assertThat(storage.list(job)).as("objects directly in the folder only").containsExactly("chk-1");
        assertThat(storage.list(job + "/shared")).containsExactly("x-a.sst");
        assertThat(new String(storage.read(job + "/chk-1"), StandardCharsets.UTF_8)).isEqualTo("one");
        Path back = dir.resolve("back.sst");
        storage.download(job + "/shared/x-a.sst", back);
        assertThat(Files.readString(back)).isEqualTo("sst bytes");
        storage.delete(job + "/chk-1");
        storage.delete(job + "/chk-1");
        assertThat(storage.list(job)).isEmpty();
        assertThatThrownBy(() -> storage.read(job + "/chk-1")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBadOptionIsNamed() {
        assertThatThrownBy(() -> factory().create(Map.of("state.checkpoints.s3.path-style-access", "maybe")))
                .isInstanceOf(WeirException.class).hasMessageContaining("s3.path-style-access");
    }
}
