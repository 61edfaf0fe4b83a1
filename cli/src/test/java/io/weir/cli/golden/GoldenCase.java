package io.weir.cli.golden;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One result-golden case: a directory with {@code query.sql} (a header of {@code --} comments, then
 * DDL statements and one final query, each ending with {@code ;} at the end of a line), the input
 * files its tables read (under {@code input/}, which {@code ${input}} in the SQL names, or under the
 * cases' common {@code _shared/}, {@code ${shared}}) and the expected
 * rows: {@code expected.csv} for every mode, or {@code expected-streaming.csv} / {@code expected-batch.csv}
 * where the modes differ (late rows).
 *
 * <p>Header directives: {@code -- modes: streaming batch} (the runtime modes the case applies to;
 * default both), {@code -- ordered: true} (the rows must come in the expected order, for ORDER BY; not a changelog result, whose final rows have none),
 * {@code -- known-failure [mode] [pN]: reason} (those runs are skipped, with the reason; see
 * {@link KnownFailure}). The other header lines say what the
 * case covers and how its expected rows were obtained, which must be independently of Weir.
 */
public record GoldenCase(String name, Path directory, List<String> statements, List<String> modes, boolean ordered,
        List<KnownFailure> knownFailures) {
    /** The folder beside the cases with the inputs (and PostgreSQL scripts) several cases use. */
    public static final String SHARED = "_shared";
    private static final Pattern DIRECTIVE = Pattern.compile("^--\\s*(modes|ordered|known-failure)([^:]*):\\s*(.*)$");
    private static final Pattern CREATED = Pattern.compile(
            "^\\s*CREATE\\s+(TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);

    public GoldenCase {
        requireNonNull(name, "name is null");
        statements = List.copyOf(statements);
        modes = List.copyOf(modes);
        knownFailures = List.copyOf(knownFailures);
    }

    /**
     * Runs that are known to fail, skipped with {@code reason}: {@code -- known-failure: reason} for all,
     * {@code -- known-failure streaming p4: reason} for one mode and/or parallelism (null: any).
     */
    public record KnownFailure(String mode, Integer parallelism, String reason) {
        boolean covers(String runMode, int runParallelism) {
            return (mode == null || mode.equals(runMode)) && (parallelism == null || parallelism == runParallelism);
        }
    }

    /** Why the run in {@code mode} at {@code parallelism} is skipped, if it is known to fail. */
    public Optional<String> knownFailure(String mode, int parallelism) {
        return knownFailures.stream().filter(f -> f.covers(mode, parallelism)).map(KnownFailure::reason).findFirst();
    }

    /** Every case under {@code root}, by name. */
    public static List<GoldenCase> all(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("query.sql"))).sorted().map(GoldenCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoldenCase read(Path directory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory.resolve("query.sql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> modes = List.of("streaming", "batch");
        boolean ordered = false;
        List<KnownFailure> knownFailures = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String line : lines) {
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (directive.matches()) {
                String value = directive.group(3).strip();
                switch (directive.group(1)) {
                    case "modes" -> modes = Arrays.asList(value.toLowerCase(Locale.ROOT).split("[\\s,]+"));
                    case "ordered" -> ordered = Boolean.parseBoolean(value);
                    default -> knownFailures.add(knownFailure(directive.group(2).strip(), value));
                }
            } else if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        String input = directory.resolve("input").toAbsolutePath().toString();
        String shared = directory.resolveSibling(SHARED).toAbsolutePath().toString();
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip().replace("${input}", input).replace("${shared}", shared));
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException(directory + "/query.sql has no statements");
        }
        return new GoldenCase(directory.getFileName().toString(), directory, statements, modes, ordered, knownFailures);
    }

    private static KnownFailure knownFailure(String scope, String reason) {
        String mode = null;
        Integer parallelism = null;
        for (String part : scope.isEmpty() ? new String[0] : scope.split("\\s+")) {
            if (part.matches("p\\d+")) {
                parallelism = Integer.valueOf(part.substring(1));
            } else {
                mode = part;
            }
        }
        return new KnownFailure(mode, parallelism, reason);
    }

    /** The statements before the query: DDL. */
    public List<String> setup() {
        return statements.subList(0, statements.size() - 1);
    }

    /** The query whose rows are compared. */
    public String query() {
        return statements.get(statements.size() - 1);
    }

    /** The tables and views {@link #setup()} creates, last first (the order to drop them in). */
    public List<String[]> created() {
        List<String[]> objects = new ArrayList<>();
        for (String statement : setup()) {
            Matcher created = CREATED.matcher(statement);
            if (created.find()) {
                objects.add(0, new String[] {created.group(1).toUpperCase(Locale.ROOT), created.group(2)});
            }
        }
        return objects;
    }

    /** The statements of {@code lookup-tables.sql} (run on PostgreSQL before the case), none without one. */
    public List<String> lookupTables() {
        Path file = directory.resolve("lookup-tables.sql");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Arrays.stream(Files.readString(file).split(";\\s*\\n")).map(String::strip)
                    .filter(sql -> !sql.isEmpty() && !sql.startsWith("--")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected rows in {@code mode}, one CSV line each. */
    public List<String> expected(String mode) {
        Path specific = directory.resolve("expected-" + mode + ".csv");
        Path file = Files.exists(specific) ? specific : directory.resolve("expected.csv");
        try {
            List<String> rows = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            if (rows.isEmpty()) {
                // an empty answer would pass against an engine that returns nothing
                throw new IllegalStateException(file + " has no rows");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("no expected rows for " + name + " in " + mode + " mode", e);
        }
    }
}
