package io.weir.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of tests that run a {@link TestCluster} of coordinator and worker processes: a folder per
 * test for their data directories, logs and output, and every process killed after the test.
 */
abstract class ClusterProcessesBase {
    @TempDir
    Path work;

    TestCluster cluster;

    @BeforeEach
    void newCluster() {
        cluster = new TestCluster(work);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        cluster.close();
    }
}
