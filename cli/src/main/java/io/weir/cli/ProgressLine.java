package io.weir.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A live line on the terminal while a long statement runs (an INSERT waiting for its job): the rows
 * its job has written, the rate and the time so far, read every half second from {@code SHOW JOBS}
 * on a second connection. Starts showing after a second, and clears itself when the statement ends;
 * nothing is printed when the output is not a terminal.
 */
final class ProgressLine implements AutoCloseable {
    private static final long FIRST_SHOW_MILLIS = 1000;
    private static final long REFRESH_MILLIS = 500;

    private final Thread thread;
    private final PrintStream out;
    private volatile boolean stopped;
    private volatile boolean shown;

    private ProgressLine(Callable<Connection> connections, PrintStream out, Instant since) {
        this.out = out;
        this.thread = new Thread(() -> run(connections, since), "weir-progress");
        thread.setDaemon(true);
    }

    /** A progress line for a statement that started at {@code since}; a no-op when {@code terminal} is false. */
    static ProgressLine start(boolean terminal, Callable<Connection> connections, PrintStream out) {
        ProgressLine line = new ProgressLine(connections, out, Instant.now());
        if (terminal) {
            line.thread.start();
        }
        return line;
    }

    private void run(Callable<Connection> connections, Instant since) {
        long started = System.nanoTime();
        try {
            Thread.sleep(FIRST_SHOW_MILLIS);
            try (Connection connection = connections.call(); Statement statement = connection.createStatement()) {
                while (!stopped) {
                    String progress = progress(statement, since, Duration.ofNanos(System.nanoTime() - started));
                    if (progress != null && !stopped) {
                        synchronized (this) {
                            out.print("\r" + progress + "\u001B[K");
                            out.flush();
                            shown = true;
                        }
                    }
                    Thread.sleep(REFRESH_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // progress is a courtesy: a failure to read it must not disturb the statement
        }
    }

    /** "job 1a2b3c4d: 1,234,567 rows, 98,765 rows/s, 0:12" for the newest job started since the statement began. */
    private static String progress(Statement statement, Instant since, Duration elapsed) throws SQLException {
        String job = null;
        long rows = 0;
        try (ResultSet jobs = statement.executeQuery("SHOW JOBS")) {
            while (jobs.next()) {
                if (jobs.getString(3).equals("RUNNING") && !Instant.parse(jobs.getString(4)).isBefore(since)) {
                    job = jobs.getString(1);
                    rows = jobs.getLong(6);
                }
            }
        }
        if (job == null) {
            return null;
        }
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
        return String.format(Locale.ROOT, "job %s: %,d rows, %,.0f rows/s, %d:%02d", job.substring(0, 8), rows,
                rows / seconds, elapsed.toMinutes(), elapsed.toSecondsPart());
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        synchronized (this) {
            if (shown) {
                out.print("\r\u001B[K");
                out.flush();
            }
        }
    }
}
