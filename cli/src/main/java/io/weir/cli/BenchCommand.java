package io.weir.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir bench}: benchmarks. {@code weir bench nexmark --query q0} runs a Nexmark query on an
 * embedded server and reports events per second and per core, CPU time and peak memory.
 */
@Command(name = "bench", description = "Run benchmarks on an embedded server.",
        subcommands = {BenchCommand.Nexmark.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code weir bench nexmark}: one query or all of them. Exit codes: 0 every query ran, 1 a query
     * failed (its error is printed), 2 bad arguments.
     */
    @Command(name = "nexmark", mixinStandardHelpOptions = true,
            description = "Run Nexmark queries (connector 'nexmark' into 'blackhole') on an embedded server and "
                    + "report throughput. Events per core = events / (elapsed seconds x cores), "
                    + "cores = min(parallelism, available processors).")
    static final class Nexmark implements Callable<Integer> {
        static final int EXIT_OK = 0;
        static final int EXIT_QUERY_FAILED = 1;
        static final int EXIT_BAD_ARGUMENTS = 2;

        @Option(names = "--query", required = true, description = "A query (q0, q1, ...) or 'all'.")
        String query;

        @Option(names = "--events", defaultValue = "10000000",
                description = "Events of all types to generate (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--rate", defaultValue = "10000000",
                description = "Events per second of event time, 'first-event.rate' (default: ${DEFAULT-VALUE}, "
                        + "as in the published suite).")
        long rate;

        @Option(names = "--parallelism", defaultValue = "2",
                description = "'parallelism.default' of the job (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(names = "--mode", defaultValue = "streaming",
                description = "'execution.runtime-mode' of the job: streaming (as the published suite runs) or "
                        + "batch (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--json", description = "Print one JSON object per query instead of text.")
        boolean json;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() {
            NexmarkBench bench;
            List<String> queries;
            try {
                bench = new NexmarkBench(events, rate, parallelism, mode.toLowerCase(Locale.ROOT));
                queries = query.equalsIgnoreCase("all") ? NexmarkBench.QUERIES : List.of(query.toLowerCase(Locale.ROOT));
                queries.forEach(bench::script);
            } catch (IllegalArgumentException e) {
                err.println("weir bench nexmark: " + e.getMessage());
                return EXIT_BAD_ARGUMENTS;
            }
            List<BenchResult> results = new ArrayList<>();
            for (String name : queries) {
                BenchResult result;
                try {
                    result = bench.run(name);
                } catch (IOException | RuntimeException e) {
                    result = BenchResult.failed(name, events, bench.mode(), parallelism, bench.cores(), String.valueOf(e.getMessage()));
                }
                results.add(result);
                if (json) {
                    out.println(result.toJson());
                } else if (queries.size() == 1) {
                    printDetails(result);
                }
                out.flush();
            }
            if (!json && queries.size() > 1) {
                printTable(results);
            }
            return results.stream().allMatch(BenchResult::succeeded) ? EXIT_OK : EXIT_QUERY_FAILED;
        }

        private void printDetails(BenchResult result) {
            if (!result.succeeded()) {
                err.println("weir bench nexmark: " + result.query() + " failed: " + result.error());
                return;
            }
            out.printf(Locale.ROOT, "query:            %s%n", result.query());
            out.printf(Locale.ROOT, "events:           %d (all types; rows written to the sink: %d)%n",
                    result.events(), result.rowsWritten());
            out.printf(Locale.ROOT, "runtime mode:     %s%n", result.mode());
            out.printf(Locale.ROOT, "elapsed:          %.3f s%n", result.elapsedSeconds());
            out.printf(Locale.ROOT, "throughput:       %.0f events/s%n", result.eventsPerSecond());
            out.printf(Locale.ROOT, "per core:         %.0f events/s per core (cores = min(parallelism %d, "
                    + "available processors %d) = %d)%n", result.eventsPerCoreSecond(), result.parallelism(),
                    Runtime.getRuntime().availableProcessors(), result.cores());
            out.printf(Locale.ROOT, "cpu time:         %.3f s (whole process, during the INSERT): %.0f events per "
                    + "CPU-second%n", result.cpuSeconds(), result.eventsPerCpuSecond());
            out.printf(Locale.ROOT, "peak memory:      %s RSS (VmHWM), %s JVM heap used (sum of heap pools' peaks)%n",
                    megabytes(result.peakRssBytes()), megabytes(result.heapPeakBytes()));
        }

        private void printTable(List<BenchResult> results) {
            out.printf(Locale.ROOT, "%-5s %12s %12s %10s %14s %14s %10s %10s  %s%n", "query", "events", "rows",
                    "elapsed s", "events/s", "events/s/core", "peak rss", "peak heap", "error");
            for (BenchResult result : results) {
                if (!result.succeeded()) {
                    out.printf(Locale.ROOT, "%-5s %12d %12s %10s %14s %14s %10s %10s  %s%n", result.query(),
                            result.events(), "-", "-", "-", "-", "-", "-", firstLine(result.error()));
                    continue;
                }
                out.printf(Locale.ROOT, "%-5s %12d %12d %10.3f %14.0f %14.0f %10s %10s%n", result.query(),
                        result.events(), result.rowsWritten(), result.elapsedSeconds(), result.eventsPerSecond(),
                        result.eventsPerCoreSecond(), megabytes(result.peakRssBytes()),
                        megabytes(result.heapPeakBytes()));
            }
            out.printf(Locale.ROOT, "%s mode; cores = min(parallelism %d, available processors %d)%n", mode,
                    parallelism, Runtime.getRuntime().availableProcessors());
        }

        private static String megabytes(long bytes) {
            return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
        }

        private static String firstLine(String text) {
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline);
        }
    }
}
