package io.weir.cli;

import io.weir.server.cluster.WorkerProcess;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weir worker}: a worker process that joins a coordinator and runs subtasks in its slots. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Starts a worker: it joins the coordinator, offers task slots and runs the subtasks placed on it. "
                + "Stop it with Ctrl-C or SIGTERM.")
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--coordinator", required = true, description = "The coordinator's RPC address, host:port (e.g. 127.0.0.1:6123).")
    private String coordinator;

    @Option(names = "--slots", defaultValue = "2", description = "Task slots this worker offers (default: ${DEFAULT-VALUE}).")
    private int slots;

    @Option(names = "--data-port", defaultValue = "0",
            description = "Port other workers send batches to (default: a free one, so several workers share a host).")
    private int dataPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    private String host;

    @Option(names = "--data-dir", defaultValue = "./weir-worker-data", description = "Where the worker keeps its id and "
            + "local state (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (slots < 1) {
            System.err.println("weir: --slots must be at least 1, not " + slots);
            return 2;
        }
        WorkerProcess worker;
        try {
            worker = new WorkerProcess(coordinator, host, dataPort, slots, dataDir.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            System.err.println("weir: cannot start the worker: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "weir-shutdown"));
        worker.start();
        worker.awaitClose();
        return 0;
    }
}
