package io.weir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir sql}: runs a SQL script (or one command) against a Weir server over pgwire, one
 * statement at a time, printing each result like psql does.
 *
 * <p>The script is split client-side by {@link ScriptSplitter} so that an error names its line in
 * the script. Exit codes: 0 all statements ran, 1 a statement failed (the rest are not run),
 * 2 the script could not be read or the server could not be reached. Results go to standard output;
 * errors and, when attached to a terminal, progress go to standard error.
 */
@Command(name = "sql", description = "Run a SQL script (or one statement) against a Weir server.")
public final class SqlCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_STATEMENT_FAILED = 1;
    static final int EXIT_CANNOT_RUN = 2;
    private static final int PROGRESS_MIN_STATEMENTS = 2;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "5455", description = "Server pgwire port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-U", "--user"}, defaultValue = "weir", description = "User name (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = {"-d", "--database"}, defaultValue = "weir", description = "Database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = {"-f", "--file"}, description = "Script to run; '-' or absent reads standard input.")
    String file;

    @Option(names = {"-c", "-e", "--command"}, description = "One statement (or several, separated by ';') to run instead of a script.")
    String command;

    @Option(names = "--var", description = "A variable for ${name} in the script or shell: --var name=value (repeatable).")
    List<String> variables = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Variables vars;
        try {
            vars = Variables.parse(variables);
        } catch (IllegalArgumentException e) {
            err.println("weir sql: " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
        if (command == null && file == null && System.console() != null) {
            return runShell(vars, err);
        }
        String source;
        String script;
        try {
            if (command != null) {
                source = "command";
                script = command;
            } else if (file == null || file.equals("-")) {
                source = "<stdin>";
                script = readAll(System.in);
            } else {
                source = file;
                script = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            err.println("weir sql: no such file: " + file);
            return EXIT_CANNOT_RUN;
        } catch (IOException e) {
            err.println("weir sql: cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
        List<ScriptSplitter.Statement> statements;
        try {
            statements = ScriptSplitter.split(vars.substitute(script));
        } catch (IllegalArgumentException e) {
            err.println("weir sql: " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
        try (Connection connection = connect()) {
            return run(connection, statements, source, out, err, this::connect);
        } catch (SQLException e) {
            err.println("weir sql: cannot connect to Weir at " + host + ":" + port + ": " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
    }

    private int runShell(Variables vars, PrintStream err) {
        try (Connection connection = connect(); Terminal terminal = InteractiveShell.systemTerminal()) {
            return new InteractiveShell(connection, terminal, vars, this::connect).run();
        } catch (SQLException e) {
            err.println("weir sql: cannot connect to Weir at " + host + ":" + port + ": " + e.getMessage());
            return EXIT_CANNOT_RUN;
        } catch (IOException e) {
            err.println("weir sql: cannot open the terminal: " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        // the server serves only the simple query protocol for now
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("ApplicationName", "weir-sql");
        properties.setProperty("assumeMinServerVersion", "9.4");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    private static int run(Connection connection, List<ScriptSplitter.Statement> statements, String source,
            PrintStream out, PrintStream err, java.util.concurrent.Callable<Connection> monitor) {
        boolean progress = System.console() != null && statements.size() >= PROGRESS_MIN_STATEMENTS;
        int index = 0;
        for (ScriptSplitter.Statement statement : statements) {
            index++;
            if (progress) {
                err.printf("[%d/%d] statement at line %d ...%n", index, statements.size(), statement.line());
            }
            boolean insert = statement.sql().strip().toUpperCase(Locale.ROOT).startsWith("INSERT");
            try (Statement jdbc = connection.createStatement()) {
                boolean isResultSet;
                // a live progress line on the terminal while an INSERT waits for its job; none when piped
                try (ProgressLine line = ProgressLine.start(insert && System.console() != null, monitor, err)) {
                    isResultSet = jdbc.execute(statement.sql());
                }
                printResults(jdbc, isResultSet, statement.sql(), out);
            } catch (SQLException e) {
                err.print(describeError(e, statement, source));
                return EXIT_STATEMENT_FAILED;
            }
        }
        out.flush();
        return EXIT_OK;
    }

    /** Prints every result of an executed statement: tables for result sets, command tags otherwise. */
    static void printResults(Statement jdbc, boolean firstIsResultSet, String sql, PrintStream out)
            throws SQLException {
        boolean isResultSet = firstIsResultSet;
        while (true) {
            if (isResultSet) {
                try (ResultSet rows = jdbc.getResultSet()) {
                    ResultTablePrinter.print(rows, out);
                }
                out.println();
            } else {
                int updateCount = jdbc.getUpdateCount();
                if (updateCount < 0) {
                    return;
                }
                out.println(commandTag(sql, updateCount));
            }
            isResultSet = jdbc.getMoreResults();
        }
    }

    /**
     * The command tag to echo. The PostgreSQL driver does not expose the server's tag, so it is
     * rebuilt from the statement: {@code INSERT 0 n} for inserts, otherwise its leading keywords.
     */
    static String commandTag(String sql, int updateCount) {
        String[] words = sql.strip().split("\\s+", 3);
        String first = words[0].toUpperCase(Locale.ROOT);
        if (first.equals("INSERT")) {
            return "INSERT 0 " + updateCount;
        }
        boolean twoWords = switch (first) {
            case "CREATE", "DROP", "ALTER", "SHOW" -> words.length > 1;
            default -> false;
        };
        String tag = twoWords ? first + " " + words[1].toUpperCase(Locale.ROOT) : first;
        return tag.replaceAll("[^A-Z_ ]", "");
    }

    /** {@code ERROR at line L of <source>: <SQLSTATE> <message>}, then the line and a caret when the server gave a position. */
    static String describeError(SQLException e, ScriptSplitter.Statement statement, String source) {
        String message = e.getMessage();
        Integer position = null;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            message = server.getMessage();
            position = server.getPosition() > 0 ? server.getPosition() : null;
        }
        String sqlState = e.getSQLState() == null ? "" : e.getSQLState() + " ";
        int line = statement.line();
        String caret = "";
        if (position != null && position <= statement.sql().length() + 1) {
            String before = statement.sql().substring(0, position - 1);
            int lineStart = before.lastIndexOf('\n') + 1;
            line += (int) before.chars().filter(c -> c == '\n').count();
            int lineEnd = statement.sql().indexOf('\n', lineStart);
            String text = statement.sql().substring(lineStart, lineEnd < 0 ? statement.sql().length() : lineEnd);
            String prefix = "LINE " + line + ": ";
            caret = prefix + text + System.lineSeparator()
                    + " ".repeat(prefix.length() + position - 1 - lineStart) + "^" + System.lineSeparator();
        }
        return "ERROR at line " + line + " of " + source + ": " + sqlState + message + System.lineSeparator() + caret;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
