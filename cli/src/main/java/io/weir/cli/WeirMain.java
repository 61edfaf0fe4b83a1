package io.weir.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weir} command: {@code weir server} starts the embedded server, {@code weir sql} runs
 * SQL against a running one.
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = WeirMain.Version.class,
        description = "Weir: a SQL-first streaming database server (Flink SQL, PostgreSQL wire protocol).",
        subcommands = {ServerCommand.class, CoordinatorCommand.class, WorkerCommand.class, SqlCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class WeirMain implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new WeirMain()).execute(args);
        System.exit(exitCode);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar's manifest, which Maven fills in. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WeirMain.class.getPackage().getImplementationVersion();
            return new String[] {"weir " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
