package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.state.RocksDbStateBackend;
import io.weir.executor.state.StateBackendFactory;
import io.weir.executor.state.StateBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The state backends operator tests run on: "hashmap" and "rocksdb" (instances under a temporary folder). */
final class TestBackends {
    private TestBackends() {
    }

    static StateBackendFactory of(String kind) {
        try {
            Path root = Files.createTempDirectory("weir-state-test");
            root.toFile().deleteOnExit();
            return StateBackends.factory(Map.of(StateBackends.OPTION, kind), root.resolve("state"), "job",
                    root.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every RocksDB instance a test opened is closed again. */
    static void assertAllClosed() {
        assertThat(RocksDbStateBackend.openInstances()).as("open RocksDB instances").isZero();
    }
}
