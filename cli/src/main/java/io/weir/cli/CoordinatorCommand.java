package io.weir.cli;

import io.weir.server.WeirServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weir coordinator}: the coordinator of a cluster; worker processes run the jobs. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Starts a coordinator: it serves clients (pgwire, HTTP), plans and schedules jobs onto the "
                + "worker processes that join it (weir worker --coordinator host:RPC-PORT). Stop it with Ctrl-C or SIGTERM.")
final class CoordinatorCommand implements Callable<Integer> {
    @Mixin
    private FrontEndOptions options;

    @Option(names = "--rpc-port", defaultValue = "6123", description = "Port workers connect to (default: ${DEFAULT-VALUE}).")
    private int rpcPort;

    @Option(names = "--heartbeat-timeout", defaultValue = "10",
            description = "Seconds without a heartbeat after which a worker counts as lost and its jobs fail over "
                    + "(default: ${DEFAULT-VALUE}).")
    private int heartbeatTimeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        return FrontEndOptions.run(new WeirServer(options.config(),
                new WeirServer.ClusterOptions(rpcPort, Duration.ofSeconds(heartbeatTimeoutSeconds))));
    }
}
