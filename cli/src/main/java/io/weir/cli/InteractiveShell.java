package io.weir.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * {@code weir sql} without a script: a JLine shell over one pgwire connection. Statements may span
 * lines and end at {@code ;}; history is kept in {@code ~/.weir_history}; Tab completes keywords
 * and table names; Ctrl-C cancels the running statement (or clears the line being typed);
 * {@code \timing} toggles timings, {@code \q} (or Ctrl-D) quits.
 *
 * <p>Single-threaded, except the Ctrl-C handler, which only cancels the statement in flight.
 */
final class InteractiveShell {
    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY",
            "LIMIT", "INSERT INTO", "VALUES", "CREATE TABLE", "CREATE VIEW", "DROP TABLE", "DROP VIEW", "WITH",
            "SHOW TABLES", "SHOW VIEWS", "SHOW JOBS", "SHOW CREATE TABLE", "DESCRIBE", "EXPLAIN", "SET", "RESET",
            "STOP JOB", "UNION ALL", "DISTINCT", "COUNT", "SUM", "MIN", "MAX", "AVG", "CAST", "CASE", "WHEN",
            "THEN", "ELSE", "END", "AND", "OR", "NOT", "NULL", "TUMBLE", "HOP", "CUMULATE", "SESSION",
            "DESCRIPTOR", "INTERVAL", "WATERMARK FOR", "PRIMARY KEY", "NOT ENFORCED", "PARTITIONED BY");

    private final Connection connection;
    private final java.util.concurrent.Callable<Connection> monitor;
    private final Terminal terminal;
    private final Variables variables;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final TreeSet<String> tableNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private boolean timing;

    InteractiveShell(Connection connection, Terminal terminal, Variables variables) {
        this(connection, terminal, variables, null);
    }

    /** {@code monitor} opens a second connection for the progress line of long statements (null: none). */
    InteractiveShell(Connection connection, Terminal terminal, Variables variables,
            java.util.concurrent.Callable<Connection> monitor) {
        this.monitor = monitor;
        this.connection = requireNonNull(connection, "connection is null");
        this.terminal = requireNonNull(terminal, "terminal is null");
        this.variables = requireNonNull(variables, "variables is null");
    }

    /** Reads and runs statements until {@code \q} or end of input; returns the exit code. */
    int run() {
        PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("weir")
                .parser(new StatementParser())
                .completer((lineReader, line, candidates) -> complete(candidates))
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".weir_history"))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P   -> ")
                .build();
        terminal.handle(Terminal.Signal.INT, signal -> cancelRunning());
        refreshTableNames();
        out.println("Connected to Weir. End statements with ';'. \\timing toggles timings, \\q quits.");
        while (true) {
            String input;
            try {
                input = reader.readLine("weir> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                out.flush();
                terminal.flush();
                return SqlCommand.EXIT_OK;
            }
            String command = input.strip();
            if (command.isEmpty()) {
                continue;
            }
            if (command.startsWith("\\")) {
                if (!metaCommand(command, out)) {
                    // everything shown before \q reaches the terminal before the shell returns
                    out.flush();
                    terminal.flush();
                    return SqlCommand.EXIT_OK;
                }
                continue;
            }
            runStatements(command, out);
        }
    }

    /** Runs a backslash command; false means quit. */
    private boolean metaCommand(String command, PrintStream out) {
        switch (command.split("\\s+")[0]) {
            case "\\q" -> {
                return false;
            }
            case "\\timing" -> {
                timing = !timing;
                out.println("Timing is " + (timing ? "on." : "off."));
            }
            case "\\?" -> out.println("\\timing  toggle timings\n\\q       quit\nStatements end with ';'.");
            default -> out.println("Invalid command " + command + ". Try \\? for help.");
        }
        return true;
    }

    private void runStatements(String text, PrintStream out) {
        String script;
        try {
            script = variables.substitute(text);
        } catch (IllegalArgumentException e) {
            out.println("ERROR: " + e.getMessage());
            return;
        }
        for (ScriptSplitter.Statement statement : ScriptSplitter.split(script)) {
            long started = System.nanoTime();
            boolean insert = statement.sql().strip().toUpperCase(Locale.ROOT).startsWith("INSERT");
            try (Statement jdbc = connection.createStatement()) {
                running.set(jdbc);
                boolean isResultSet;
                try (ProgressLine progress = ProgressLine.start(insert && monitor != null, monitor, out)) {
                    isResultSet = jdbc.execute(statement.sql());
                }
                SqlCommand.printResults(jdbc, isResultSet, statement.sql(), out);
            } catch (SQLException e) {
                out.print(SqlCommand.describeError(e, statement, "input"));
            } finally {
                running.set(null);
            }
            if (timing) {
                out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - started) / 1e6);
            }
            String upper = statement.sql().strip().toUpperCase(Locale.ROOT);
            if (upper.startsWith("CREATE") || upper.startsWith("DROP")) {
                refreshTableNames();
            }
        }
    }

    private void cancelRunning() {
        Statement statement = running.get();
        if (statement == null) {
            return;
        }
        try {
            statement.cancel();
        } catch (SQLException e) {
            terminal.writer().println("Cannot cancel: " + e.getMessage());
        }
    }

    private void complete(List<Candidate> candidates) {
        KEYWORDS.forEach(keyword -> candidates.add(new Candidate(keyword)));
        tableNames.forEach(name -> candidates.add(new Candidate(name)));
    }

    private void refreshTableNames() {
        List<String> names = new ArrayList<>();
        for (String show : List.of("SHOW TABLES", "SHOW VIEWS")) {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(show)) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            } catch (SQLException e) {
                // completion is a convenience: without names, keywords still complete
                return;
            }
        }
        tableNames.clear();
        tableNames.addAll(names);
    }

    /** Opens the shell's terminal: the real one when attached to a console. */
    static Terminal systemTerminal() throws IOException {
        return org.jline.terminal.TerminalBuilder.builder().system(true).build();
    }
}
