package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weir through drivers of other languages, installed as their users install them: node-postgres
 * (npm {@code pg}, extended protocol with parameters) and Python's psycopg2 (Debian's
 * {@code python3-psycopg2}, simple protocol inside transactions). Answers are computed here.
 * {@code .ci/run} installs both; where a developer's machine lacks one, its test is skipped.
 */
class DriversEndToEndIT {
    private static final String SEQ = "CREATE TABLE seq (id BIGINT, name STRING) WITH ('connector' = 'datagen', "
            + "'number-of-rows' = '1000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
            + "'fields.id.end' = '1000', 'fields.name.length' = '5')";

    @TempDir
    Path work;

    @Test
    void nodePostgresRunsParameterizedQueries() throws Exception {
        assumeTrue(run(work, 60, "npm", "--version").exitCode == 0, "npm is not installed");
        Path node = Files.createDirectories(work.resolve("node"));
        Result install = run(node, 300, "npm", "install", "pg@8", "--silent", "--no-audit", "--no-fund");
        assertThat(install.exitCode).as("npm install pg@8: " + install.output).isZero();
        Files.writeString(node.resolve("t.js"), String.join("\n",
                "const { Client } = require('pg');",
                "(async () => {",
                "  const c = new Client({ host: '127.0.0.1', port: Number(process.argv[2]), user: 'weir', database: 'weir' });",
                "  await c.connect();",
                "  const r = await c.query('SELECT COUNT(*) AS n, SUM(id) AS s FROM seq WHERE id <= $1', [500]);",
                "  const t = await c.query('SELECT name FROM seq WHERE id = $1', [7]);",
                "  const m = await c.query(\"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'\");",
                "  console.log(r.rows[0].n + '|' + r.rows[0].s + '|' + t.rows[0].name.length + '|' + m.rows.map(x => x.table_name).join(','));",
                "  await c.end();",
                "})().catch(e => { console.log('error: ' + e.message); process.exit(1); });"));
        try (TestServer server = new TestServer(work.resolve("data"))) {
            new PsqlClient(server.port()).query(SEQ);
            Result result = run(node, 60, "node", "t.js", Integer.toString(server.port()));
            assertThat(result.output.strip()).isEqualTo("500|" + LongStream.rangeClosed(1, 500).sum() + "|5|seq");
        }
    }

    @Test
    void psycopg2RunsQueriesInTransactions() throws Exception {
        // Debian's package installs for the system Python, which another python3 on the PATH may hide
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        assumeTrue(run(work, 60, python, "-c", "import psycopg2").exitCode == 0, "python3-psycopg2 is not installed");
        Path script = work.resolve("t.py");
        Files.writeString(script, String.join("\n",
                "import sys, psycopg2",
                "c = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='weir', dbname='weir')",
                "cur = c.cursor()",
                "cur.execute('SELECT COUNT(*), SUM(id) FROM seq WHERE id <= %s AND name <> %s', (500, 'x'))",
                "n, s = cur.fetchone()",
                "cur.execute('SELECT id FROM seq ORDER BY id LIMIT 3')",
                "ids = [r[0] for r in cur.fetchall()]",
                "c.commit()",
                "print('%d|%d|%s' % (n, s, ','.join(map(str, ids))))",
                "c.close()", ""));
        try (TestServer server = new TestServer(work.resolve("data"))) {
            new PsqlClient(server.port()).query(SEQ);
            Result result = run(work, 60, python, script.toString(), Integer.toString(server.port()));
            assertThat(result.output.strip()).isEqualTo("500|" + LongStream.rangeClosed(1, 500).sum() + "|1,2,3");
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, int seconds, String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }
}
