package io.weir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code psql} binary against a test server, as a user would. */
final class PsqlClient {
    /** What psql printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private final int port;

    PsqlClient(int port) {
        this.port = port;
    }

    /** Runs each command with {@code -c}, unaligned, '|' separated, no headers, stopping at the first error. */
    Result run(String... commands) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v",
                "VERBOSITY=verbose", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "weir", "-d", "weir",
                "-At", "-F", "|"));
        for (String command : commands) {
            args.add("-c");
            args.add(command);
        }
        Process process = new ProcessBuilder(args).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip(),
                new String(err, StandardCharsets.UTF_8).strip());
    }

    /** Runs the commands and returns stdout, failing the test when psql reports an error. */
    String query(String... commands) throws IOException, InterruptedException {
        Result result = run(commands);
        if (result.exitCode() != 0) {
            throw new AssertionError("psql failed (" + result.exitCode() + "): " + result.stderr());
        }
        return result.stdout();
    }
}
