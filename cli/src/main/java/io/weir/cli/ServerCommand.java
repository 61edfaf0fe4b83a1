package io.weir.cli;

import io.weir.server.WeirServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code weir server}: the embedded default, a coordinator and a worker in this JVM. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Starts Weir on its embedded default: coordinator and worker in one process, "
                + "nothing external needed. Stop it with Ctrl-C or SIGTERM.")
final class ServerCommand implements Callable<Integer> {
    @Mixin
    private FrontEndOptions options;

    @Override
    public Integer call() throws InterruptedException {
        return FrontEndOptions.run(new WeirServer(options.config()));
    }
}
