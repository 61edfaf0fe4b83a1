package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 secret key of a filesystem table never shows: not in SHOW CREATE TABLE, EXPLAIN, SHOW JOBS,
 * the error of a write to an S3 endpoint nobody listens on, the error of a read from it, the error
 * of a rejected CREATE TABLE, nor anywhere in the server's log.
 */
class SecretsEndToEndIT {
    private static final String SECRET = "sEcReT-kEy-4711";

    @TempDir
    static Path work;

    private static ServerProcess server;
    private static PsqlClient psql;
    private static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            endpoint = "http://127.0.0.1:" + socket.getLocalPort();   // closed again: nothing listens there
        }
        Files.createDirectories(work.resolve("in"));
        Files.write(work.resolve("in/rows.csv"), List.of("1,a", "2,b", "3,c"));
        server = new ServerProcess(work.resolve("data"), work.resolve("server.log"));
        server.start();
        psql = new PsqlClient(server.port());
        psql.query("CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'filesystem', 'path' = '"
                + work.resolve("in") + "', 'format' = 'csv')", "CREATE TABLE lake (id BIGINT, name STRING) WITH ("
                + lakeOptions() + ")");
    }

    private static String lakeOptions() {
        return "'connector' = 'filesystem', 'path' = 's3://lake/t', 'format' = 'parquet', 's3.endpoint' = '"
                + endpoint + "', 's3.region' = 'us-east-1', 's3.path-style-access' = 'true', 's3.access-key' = "
                + "'weir-test', 's3.secret-key' = '" + SECRET + "'";
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showCreateTableAndExplainDoNotShowTheSecret() throws Exception {
        String shown = psql.query("SHOW CREATE TABLE lake");
        assertThat(shown).contains("'s3.secret-key' = '******'").doesNotContain(SECRET);
        String explained = psql.query("EXPLAIN INSERT INTO lake SELECT * FROM src");
        assertThat(explained).contains("Sink").contains("lake").doesNotContain(SECRET);
    }

    @Test
    void aFailedWriteAndAFailedReadReportTheEndpointButNotTheSecret() throws Exception {
        PsqlClient.Result write = psql.run("SET 'table.dml-sync' = 'true'", "INSERT INTO lake SELECT * FROM src");
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.stderr()).contains("s3://lake/t").contains("lake").doesNotContain(SECRET);
        assertThat(psql.query("SHOW JOBS")).doesNotContain(SECRET);

        PsqlClient.Result read = psql.run("SELECT * FROM lake");
        assertThat(read.exitCode()).isNotZero();
        assertThat(read.stderr()).contains("s3://lake/t").doesNotContain(SECRET);

        PsqlClient.Result rejected = psql.run("CREATE TABLE bad (id BIGINT) WITH (" + lakeOptions()
                + ", 'sink.rolling-policy.file-size' = 'huge')");
        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.stderr()).contains("sink.rolling-policy.file-size").doesNotContain(SECRET);
        PsqlClient.Result unknown = psql.run("CREATE TABLE bad (id BIGINT) WITH (" + lakeOptions()
                + ", 's3.secret' = '" + SECRET + "')");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("s3.secret").doesNotContain(SECRET);

        assertThat(Files.readString(work.resolve("server.log"))).as("the server log").contains("lake")
                .doesNotContain(SECRET);
    }
}
