package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.LongStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User-defined scalar functions from a jar compiled at test time: created through psql, called in a
 * SELECT (projection, WHERE, GROUP BY) and an INSERT job, kept across a restart, and the errors of bad
 * definitions and of a throwing eval. Expected values are computed here in Java.
 */
class UserFunctionsEndToEndIT {
    private static final String MIX = """
            package udf;
            public class Mix {
                public long eval(long a, long b) { return a * 10 + b; }
                public String eval(String s) { return new StringBuilder(s).reverse().toString() + "!"; }
            }
            """;
    private static final String COUNT_CHAR = """
            package udf;
            public class CountChar {
                public long eval(String s, String c) {
                    if (s == null || c == null) { return 0; }
                    return s.chars().filter(ch -> ch == c.charAt(0)).count();
                }
            }
            """;
    private static final String BOOM = """
            package udf;
            public class Boom {
                public Integer eval(Integer x) { if (x == 7) { throw new IllegalStateException("seven"); } return x; }
            }
            """;
    private static final String NO_EVAL = """
            package udf;
            public class NoEval { public long apply(long x) { return x; } }
            """;

    @TempDir
    Path work;

    @Test
    void functionsFromAJarRunInQueriesAndJobsAndSurviveARestart() throws Exception {
        Path jar = compileJar(work.resolve("udf.jar"), MIX, COUNT_CHAR, BOOM, NO_EVAL);
        Path data = work.resolve("data");
        Path out = work.resolve("out");
        String seq = "CREATE TABLE seq (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '20', "
                + "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '20')";
        try (TestServer server = new TestServer(data)) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query(seq, "CREATE FUNCTION mix AS 'udf.Mix' LANGUAGE JAVA USING JAR '" + jar.toUri() + "'",
                    "CREATE FUNCTION count_char AS 'udf.CountChar' USING JAR '" + jar.toUri() + "'");
            // a temporary function lives as long as its session: one psql run here
            String boom = "CREATE TEMPORARY FUNCTION boom AS 'udf.Boom' USING JAR '" + jar.toUri() + "'";
            assertThat(psql.query(boom, "SHOW USER FUNCTIONS")).isEqualTo("boom\ncount_char\nmix");
            assertThat(psql.query("SHOW FUNCTIONS")).contains("upper").contains("mix");

            assertThat(psql.query("SELECT id, mix(id, 3), mix(CAST(id AS STRING)) FROM seq WHERE mix(id, 1) > 150 "
                    + "ORDER BY id")).isEqualTo(expectedSelect());
            // GROUP BY a function's result: how many ids have each number of '1' digits
            assertThat(psql.query("SELECT count_char(CAST(id AS STRING), '1') AS ones, COUNT(*) FROM seq "
                    + "GROUP BY count_char(CAST(id AS STRING), '1') ORDER BY ones")).isEqualTo(expectedGroups());

            psql.query("CREATE TABLE out_t (id BIGINT, m BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                    + out + "', 'format' = 'csv')", "SET 'table.dml-sync' = 'true'");
            psql.query("SET 'table.dml-sync' = 'true'", "INSERT INTO out_t SELECT id, mix(id, 5) FROM seq");
            assertThat(psql.query("SELECT SUM(m) FROM out_t")).isEqualTo(
                    Long.toString(LongStream.rangeClosed(1, 20).map(id -> id * 10 + 5).sum()));

            PsqlClient.Result failed = psql.run(boom, "SELECT boom(CAST(id AS INT)) FROM seq");
            assertThat(failed.exitCode()).isNotZero();
            assertThat(failed.stderr()).contains("38000").contains("boom").contains("seven");

            PsqlClient.Result unknown = psql.run("SELECT nope(id) FROM seq");
            assertThat(unknown.stderr()).contains("42883");
            PsqlClient.Result wrongTypes = psql.run("SELECT count_char(id, id) FROM seq");
            assertThat(wrongTypes.exitCode()).isNotZero();
            assertThat(wrongTypes.stderr()).contains("42804").contains("COUNT_CHAR(STRING, STRING)");
            assertThat(psql.run("CREATE FUNCTION f AS 'udf.Missing' USING JAR '" + jar.toUri() + "'").stderr())
                    .contains("42704").contains("udf.Missing");
            assertThat(psql.run("CREATE FUNCTION f AS 'udf.Mix' USING JAR 'file:///no/such.jar'").stderr())
                    .contains("42704").contains("/no/such.jar");
            assertThat(psql.run("CREATE FUNCTION f AS 'udf.NoEval' USING JAR '" + jar.toUri() + "'").stderr())
                    .contains("eval");
            assertThat(psql.run("CREATE FUNCTION mix AS 'udf.Mix' USING JAR '" + jar.toUri() + "'").stderr())
                    .contains("42710");
        }
        try (TestServer server = new TestServer(data)) {
            PsqlClient psql = new PsqlClient(server.port());
            // the others are back
            assertThat(psql.query("SHOW USER FUNCTIONS")).isEqualTo("count_char\nmix");
            assertThat(psql.query("SELECT id, mix(id, 3), mix(CAST(id AS STRING)) FROM seq WHERE mix(id, 1) > 150 "
                    + "ORDER BY id")).isEqualTo(expectedSelect());
            psql.query("DROP FUNCTION mix");
            assertThat(psql.query("SHOW USER FUNCTIONS")).isEqualTo("count_char");
            assertThat(psql.run("DROP FUNCTION mix").stderr()).contains("42883");
            psql.query("DROP FUNCTION IF EXISTS mix");
        }
    }

    @Test
    void temporaryFunctionsBelongToTheSessionThatCreatedThem() throws Exception {
        Path jar = compileJar(work.resolve("udf.jar"), MIX, COUNT_CHAR);
        try (TestServer server = new TestServer(work.resolve("data"))) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/weir";
            try (Connection first = DriverManager.getConnection(url, "weir", "");
                    Connection second = DriverManager.getConnection(url, "weir", "")) {
                execute(first, "CREATE TEMPORARY FUNCTION f AS 'udf.Mix' USING JAR '" + jar.toUri() + "'");
                assertThat(column(first, "SHOW USER FUNCTIONS")).containsExactly("f");
                assertThat(column(first, "SELECT f(4, 2)")).containsExactly(Long.toString(4 * 10 + 2));

                assertThat(column(second, "SHOW USER FUNCTIONS")).isEmpty();
                assertThatThrownBy(() -> column(second, "SELECT f(4, 2)")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42883"));
                assertThatThrownBy(() -> execute(second, "DROP TEMPORARY FUNCTION f")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42883"));
                // the same name is free in the other session, for a different class
                execute(second, "CREATE TEMPORARY FUNCTION f AS 'udf.CountChar' USING JAR '" + jar.toUri() + "'");
                assertThat(column(second, "SELECT f('banana', 'a')")).containsExactly("3");
                assertThat(column(first, "SELECT f(4, 2)")).containsExactly("42");

                first.close();
                try (Connection third = DriverManager.getConnection(url, "weir", "")) {
                    assertThat(column(third, "SHOW USER FUNCTIONS")).isEmpty();
                    // a stored function of that name is allowed again, and the session with its own
                    // temporary one still calls that
                    execute(third, "CREATE FUNCTION f AS 'udf.Mix' USING JAR '" + jar.toUri() + "'");
                    assertThat(column(third, "SELECT f(1, 1)")).containsExactly("11");
                }
                assertThat(column(second, "SELECT f('banana', 'n')")).containsExactly("2");
                execute(second, "DROP TEMPORARY FUNCTION f");
                assertThat(column(second, "SELECT f(1, 2)")).containsExactly("12");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static String expectedSelect() {
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            if (id * 10 + 1 > 150) {
                rows.add(id + "|" + (id * 10 + 3) + "|" + new StringBuilder(Long.toString(id)).reverse() + "!");
            }
        }
        return String.join("\n", rows);
    }

    private static String expectedGroups() {
        java.util.TreeMap<Long, Long> counts = new java.util.TreeMap<>();
        for (long id = 1; id <= 20; id++) {
            counts.merge(Long.toString(id).chars().filter(c -> c == '1').count(), 1L, Long::sum);
        }
        List<String> rows = new ArrayList<>();
        counts.forEach((ones, count) -> rows.add(ones + "|" + count));
        return String.join("\n", rows);
    }

    /** Compiles the sources (package {@code udf}) with the JDK's compiler and packs the classes into a jar. */
    static Path compileJar(Path jar, String... sources) throws IOException {
        Path src = Files.createDirectories(jar.resolveSibling("udf-src/udf"));
        Path classes = Files.createDirectories(jar.resolveSibling("udf-classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        for (String source : sources) {
            String name = source.substring(source.indexOf("class ") + 6).split("\\s")[0];
            Path file = src.resolve(name + ".java");
            Files.writeString(file, source);
            args.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, args.toArray(String[]::new))).isZero();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            try (var paths = Files.walk(classes)) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

}
