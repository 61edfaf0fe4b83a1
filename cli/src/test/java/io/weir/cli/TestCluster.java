package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of a test's cluster on 127.0.0.1: a coordinator and worker processes, each with its
 * data directory and log under the test's folder ({@code coordinator/}, {@code coordinator.log},
 * {@code <name>/}, {@code <name>.log}); {@link #close} kills whatever still runs. With the helpers
 * the cluster tests share for their checks.
 */
final class TestCluster implements AutoCloseable {
    private final Path work;
    private final List<ServerProcess> processes = new ArrayList<>();

    TestCluster(Path work) {
        this.work = work;
    }

    /** Starts a coordinator on free ports; it keeps them when started again. */
    ServerProcess startCoordinator() throws IOException, InterruptedException {
        ServerProcess coordinator = ServerProcess.coordinator(work.resolve("coordinator"), work.resolve("coordinator.log"));
        processes.add(coordinator);
        coordinator.start();
        return coordinator;
    }

    /** Starts a worker {@code name} with {@code slots} slots that joins {@code coordinator}. */
    ServerProcess startWorker(ServerProcess coordinator, int slots, String name) throws IOException, InterruptedException {
        ServerProcess worker = ServerProcess.worker(coordinator, slots, work.resolve(name), work.resolve(name + ".log"));
        processes.add(worker);
        worker.start();
        return worker;
    }

    /** Waits up to 30 s until {@code SHOW WORKERS} lists {@code count} workers. */
    static void awaitWorkers(PsqlClient psql, int count) throws IOException, InterruptedException {
        long registered = 0;
        for (int i = 0; i < 300 && registered != count; i++) {
            Thread.sleep(100);
            registered = psql.query("SHOW WORKERS").lines().filter(l -> l.startsWith("worker-")).count();
        }
        assertThat(registered).as("workers registered").isEqualTo(count);
    }

    /** Whether {@code SHOW JOBS} output {@code jobs} lists job {@code id} as FINISHED. */
    static boolean finished(String jobs, String id) {
        return jobs.lines().anyMatch(l -> l.startsWith(id) && l.contains("|FINISHED|"));
    }

    /**
     * The lines of every committed file under {@code dir}. Hidden files are staging, not output, and
     * are skipped by name before they are looked at: workers may remove them while this reads.
     */
    static List<String> committedLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        List<Path> entries;
        try (Stream<Path> listed = Files.list(dir)) {
            entries = listed.filter(f -> !f.getFileName().toString().startsWith(".")
                    && !f.getFileName().toString().startsWith("_")).toList();
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                lines.addAll(committedLines(entry));
            } else {
                Files.readAllLines(entry).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess process : processes) {
            process.close();
        }
    }
}
