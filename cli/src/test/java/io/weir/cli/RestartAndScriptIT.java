package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The catalog survives a restart, and {@code weir sql -f} runs scripts and stops at the first error. */
class RestartAndScriptIT {
    @TempDir
    Path work;

    @Test
    void catalogSurvivesARestart() throws Exception {
        Path data = work.resolve("data");
        try (TestServer server = new TestServer(data)) {
            new PsqlClient(server.port()).query("CREATE TABLE seq (id BIGINT) WITH ('connector' = 'datagen', "
                    + "'number-of-rows' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                    + "'fields.id.end' = '100')", "CREATE VIEW small AS SELECT id FROM seq WHERE id <= 10");
        }
        try (TestServer server = new TestServer(data)) {
            PsqlClient psql = new PsqlClient(server.port());
            assertThat(psql.query("SHOW TABLES")).isEqualTo("seq");
            assertThat(psql.query("SHOW VIEWS")).isEqualTo("small");
            assertThat(psql.query("SELECT COUNT(*), SUM(id) FROM small")).isEqualTo("10|55");
        }
    }

    @Test
    void scriptRunsStatementByStatementAndFailsWithTheLine() throws Exception {
        try (TestServer server = new TestServer(work.resolve("data"))) {
            Path ok = work.resolve("ok.sql");
            Files.writeString(ok, "SELECT 40 + 2 AS answer;\n-- a comment\nVALUES ('a;b');\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = run(out, "--port", Integer.toString(server.port()), "-f", ok.toString());
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("42").contains("a;b");

            Path bad = work.resolve("bad.sql");
            Files.writeString(bad, "SELECT 1;\n\nSELEC 2;\nSELECT 3;\n");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit = run(new ByteArrayOutputStream(), "--port", Integer.toString(server.port()), "-f", bad.toString());
            } finally {
                System.setErr(original);
            }
            assertThat(exit).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3").contains("42601");
        }
    }

    private static int run(ByteArrayOutputStream out, String... args) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new SqlCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
    }
}
