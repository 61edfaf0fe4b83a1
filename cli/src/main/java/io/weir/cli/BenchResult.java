package io.weir.cli;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * What one run of a benchmark query measured. {@code error} is null when the query ran.
 *
 * @param query the query's name, e.g. {@code q0}
 * @param events events of all types the sources generated ({@code events.num})
 * @param rowsWritten rows the INSERT wrote into its sink
 * @param elapsedSeconds wall-clock time of the INSERT, from sending it to its completion (planning included)
 * @param mode {@code execution.runtime-mode} of the run: {@code streaming} or {@code batch}
 * @param parallelism {@code parallelism.default} of the run
 * @param cores min(parallelism, available processors): the cores the job could use
 * @param cpuSeconds CPU time the whole process used during the INSERT, or -1 when the JVM cannot tell
 * @param peakRssBytes VmHWM of /proc/self/status after the run (reset before it where Linux allows), or -1
 * @param heapPeakBytes the sum of the heap memory pools' peak usage during the run
 * @param error why the query did not run, or null
 */
record BenchResult(String query, long events, long rowsWritten, double elapsedSeconds, String mode, int parallelism,
        int cores, double cpuSeconds, long peakRssBytes, long heapPeakBytes, String error) {
    BenchResult {
        requireNonNull(query, "query is null");
        requireNonNull(mode, "mode is null");
    }

    static BenchResult failed(String query, long events, String mode, int parallelism, int cores, String error) {
        return new BenchResult(query, events, 0, 0, mode, parallelism, cores, -1, -1, -1,
                requireNonNull(error, "error is null"));
    }

    boolean succeeded() {
        return error == null;
    }

    double eventsPerSecond() {
        return elapsedSeconds > 0 ? events / elapsedSeconds : 0;
    }

    double eventsPerCoreSecond() {
        return eventsPerSecond() / cores;
    }

    /** Events per second of process CPU time (Nexmark's "throughput/cores" with cores measured), or -1. */
    double eventsPerCpuSecond() {
        return cpuSeconds > 0 ? events / cpuSeconds : -1;
    }

    /** One JSON object with every field, numbers unquoted. */
    String toJson() {
        StringBuilder json = new StringBuilder("{");
        json.append("\"query\":").append(quote(query));
        json.append(",\"events\":").append(events);
        json.append(",\"mode\":").append(quote(mode));
        json.append(",\"parallelism\":").append(parallelism);
        json.append(",\"cores\":").append(cores);
        if (succeeded()) {
            json.append(",\"rows_written\":").append(rowsWritten);
            json.append(",\"elapsed_s\":").append(format("%.3f", elapsedSeconds));
            json.append(",\"events_per_s\":").append(Math.round(eventsPerSecond()));
            json.append(",\"events_per_core_s\":").append(Math.round(eventsPerCoreSecond()));
            json.append(",\"cpu_s\":").append(format("%.3f", cpuSeconds));
            json.append(",\"events_per_cpu_s\":").append(Math.round(eventsPerCpuSecond()));
            json.append(",\"peak_rss_bytes\":").append(peakRssBytes);
            json.append(",\"heap_peak_bytes\":").append(heapPeakBytes);
        } else {
            json.append(",\"error\":").append(quote(error));
        }
        return json.append('}').toString();
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
