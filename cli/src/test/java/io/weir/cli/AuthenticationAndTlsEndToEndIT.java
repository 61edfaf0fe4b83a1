package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weir.server.ServerConfig;
import io.weir.server.WeirServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and transport. TLS on pgwire with a configured certificate and key: psql with {@code sslmode=require} and
 * PostgreSQL JDBC with {@code sslmode=require} connect and query; a server without a certificate
 * refuses TLS, so the same psql fails. The certificate is made here with openssl.
 */
class AuthenticationAndTlsEndToEndIT {
    @TempDir
    Path work;

    @Test
    void clientsThatRequireTlsGetIt() throws Exception {
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assumeTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl cannot make a certificate");

        WeirServer server = new WeirServer(new ServerConfig("127.0.0.1", 0, -1, work.resolve("data"), 2,
                ServerConfig.DEFAULT_MAX_CONNECTIONS, cert, key, false));
        server.start();
        try {
            assertThat(psqlRequiringTls(server.pgPort(), "SELECT 40 + 2")).isEqualTo("0|42");
            Properties properties = new Properties();
            properties.setProperty("user", "weir");
            properties.setProperty("sslmode", "require");
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort()
                    + "/weir", properties); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        } finally {
            server.close();
        }
        try (TestServer plain = new TestServer(work.resolve("plain"))) {
            assertThat(psqlRequiringTls(plain.port(), "SELECT 1")).startsWith("2|").contains("SSL");
        }
    }

    /**
     * {@code --auth scram}: CREATE USER stores a SCRAM-SHA-256 verifier; psql and PostgreSQL JDBC log in
     * with the password, a wrong password gets SQLSTATE 28P01 and nothing else, an unknown user the
     * same, and the verifier file holds no password.
     */
    @Test
    void scramPasswordsAsPostgresqlChecksThem() throws Exception {
        Path data = work.resolve("scram");
        try (TestServer trust = new TestServer(data)) {
            new PsqlClient(trust.port()).query("CREATE USER alice WITH PASSWORD 'wonder-land'", "CREATE USER bob PASSWORD 'b0b'",
                    "DROP USER bob");
        }
        assertThat(java.nio.file.Files.readString(data.resolve("users.properties"))).contains("alice=SCRAM-SHA-256$4096\\:")
                .doesNotContain("wonder-land").doesNotContain("bob");
        WeirServer server = new WeirServer(new ServerConfig("127.0.0.1", 0, -1, data, 2,
                ServerConfig.DEFAULT_MAX_CONNECTIONS, null, null, true));
        server.start();
        try {
            assertThat(psqlWithPassword(server.pgPort(), "alice", "wonder-land", "SELECT 6 * 7")).isEqualTo("0|42");
            assertThat(psqlWithPassword(server.pgPort(), "alice", "wrong", "SELECT 1"))
                    .startsWith("2|").contains("password authentication failed for user \"alice\"");
            assertThat(psqlWithPassword(server.pgPort(), "mallory", "x", "SELECT 1"))
                    .startsWith("2|").contains("password authentication failed for user \"mallory\"");
            Properties properties = new Properties();
            properties.setProperty("user", "alice");
            properties.setProperty("password", "wonder-land");
            String url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/weir";
            try (Connection connection = DriverManager.getConnection(url, properties);
                    Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 5")) {
                assertThat(rows.next()).isTrue();
            }
            properties.setProperty("password", "nope");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url, properties))
                    .isInstanceOfSatisfying(java.sql.SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        } finally {
            server.close();
        }
    }

    private static String psqlWithPassword(int port, String user, String password, String sql) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("psql", "-X", "-At", "-w", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", user, "-d", "weir", "-c", sql)).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(60, TimeUnit.SECONDS);
        return process.exitValue() + "|" + output;
    }

    /** Exit code and output of psql with sslmode=require. */
    private static String psqlRequiringTls(int port, String sql) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("psql", "-X", "-At", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "weir", "-d", "weir", "-c", sql)).redirectErrorStream(true);
        builder.environment().put("PGSSLMODE", "require");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(60, TimeUnit.SECONDS);
        return process.exitValue() + "|" + output;
    }
}
