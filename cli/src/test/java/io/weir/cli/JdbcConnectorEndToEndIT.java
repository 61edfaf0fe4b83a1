package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.testing.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jdbc connector end to end: a Weir server in its own JVM, psql and PgJDBC as clients, and a
 * real PostgreSQL holding the tables. Every answer is compared with PostgreSQL computing the same
 * thing over the same rows: a partitioned scan, a streaming GROUP BY upserted into a keyed table
 * (twice: the replay gives the same table), and a lookup join with the partial cache.
 */
class JdbcConnectorEndToEndIT {
    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static ServerProcess server;
    private static PsqlClient psql;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresCluster.start();
        // order ids -100..5899, customers 1..50; orders of customers 51..60 find no customer
        execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, amount numeric(10, 2))",
                "INSERT INTO orders SELECT g, 1 + (g * 7919 % 60 + 60) % 60, ((g * 31 % 10000 + 10000) % 10000) / 100.0 "
                        + "FROM generate_series(-100, 5899) g",
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text, country text)",
                "INSERT INTO customers SELECT g, 'customer ' || g, (ARRAY['NO', 'SE', 'DK'])[1 + g % 3] "
                        + "FROM generate_series(1, 50) g",
                "CREATE TABLE totals (customer_id bigint PRIMARY KEY, n bigint, total numeric(14, 2))",
                "CREATE TABLE enriched (order_id bigint, name text, country text)",
                "CREATE TABLE sums (m bigint PRIMARY KEY, n bigint, total bigint)",
                "CREATE TABLE by_country (country text PRIMARY KEY, n bigint, total bigint)",
                "CREATE TABLE recovered (m bigint PRIMARY KEY, n bigint, total bigint)");
        server = new ServerProcess(work.resolve("data"), Path.of("target", "jdbc-connector-server.log"));
        server.start();
        psql = new PsqlClient(server.port());
        String url = postgres.jdbcUrl("postgres");
        String connection = "'connector' = 'jdbc', 'url' = '" + url + "', 'username' = 'postgres', "
                + "'password' = 'not-shown-anywhere'";
        psql.query("CREATE TABLE orders (id BIGINT, customer_id BIGINT, amount DECIMAL(10, 2), "
                        + "proc_time AS PROCTIME()) WITH (" + connection + ", 'table-name' = 'orders', "
                        + "'scan.partition.column' = 'id', 'scan.partition.num' = '4', "
                        + "'scan.partition.lower-bound' = '0', 'scan.partition.upper-bound' = '4999', "
                        + "'scan.fetch-size' = '500')",
                "CREATE TABLE customers (id BIGINT, name STRING, country STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + connection + ", 'table-name' = 'customers', 'lookup.cache' = 'PARTIAL', "
                        + "'lookup.partial-cache.max-rows' = '1000', 'lookup.partial-cache.expire-after-write' = '10 min')",
                "CREATE TABLE totals (customer_id BIGINT, n BIGINT, total DECIMAL(14, 2), "
                        + "PRIMARY KEY (customer_id) NOT ENFORCED) WITH (" + connection + ", 'table-name' = 'totals', "
                        + "'sink.buffer-flush.max-rows' = '16', 'sink.buffer-flush.interval' = '100 ms')",
                "CREATE TABLE enriched (order_id BIGINT, name STRING, country STRING) WITH (" + connection
                        + ", 'table-name' = 'enriched')",
                "CREATE TABLE sums (m BIGINT, n BIGINT, total BIGINT, PRIMARY KEY (m) NOT ENFORCED) WITH (" + connection
                        + ", 'table-name' = 'sums', 'sink.buffer-flush.max-rows' = '8', "
                        + "'sink.buffer-flush.interval' = '50 ms', 'sink.max-retries' = '5')",
                "CREATE TABLE slow (k BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '800', "
                        + "'fields.k.kind' = 'sequence', 'fields.k.start' = '1', 'fields.k.end' = '4000')",
                "CREATE TABLE clicks (k BIGINT, customer AS MOD(k, 60) + 1, proc_time AS PROCTIME()) WITH ("
                        + "'connector' = 'datagen', 'rows-per-second' = '1000', 'fields.k.kind' = 'sequence', "
                        + "'fields.k.start' = '1', 'fields.k.end' = '3000')",
                "CREATE TABLE by_country (country STRING, n BIGINT, total BIGINT, PRIMARY KEY (country) NOT ENFORCED) "
                        + "WITH (" + connection + ", 'table-name' = 'by_country')");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void execute(String... statements) throws SQLException {
        PostgresAnswers.execute(postgres, statements);
    }

    /** PostgreSQL's answer to {@code sql}, as psql -At prints it. */
    private static String postgres(String sql) throws SQLException {
        return PostgresAnswers.query(postgres, sql);
    }

    @Test
    void aPartitionedScanReadsEveryRowOnce() throws Exception {
        assertThat(psql.query("SELECT COUNT(*), COUNT(DISTINCT id), SUM(id), SUM(amount), MIN(id), MAX(id) FROM orders"))
                .isEqualTo(postgres("SELECT count(*), count(DISTINCT id), sum(id), sum(amount), min(id), max(id) "
                        + "FROM orders"));
    }

    @Test
    void aStreamingGroupByUpsertedIntoAKeyedTableEqualsPostgresAggregateAlsoWhenReplayed() throws Exception {
        String expected = postgres("SELECT customer_id, count(*), sum(amount) FROM orders GROUP BY 1 ORDER BY 1");
        String insert = "INSERT INTO totals SELECT customer_id, COUNT(*), SUM(amount) FROM orders GROUP BY customer_id";
        psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'",
                "SET 'parallelism.default' = '2'", insert);
        assertThat(postgres("SELECT customer_id, n, total FROM totals ORDER BY 1")).isEqualTo(expected);
        // the same changes again (a replay after a failure): upserts by key leave the same table
        psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'", insert);
        assertThat(postgres("SELECT customer_id, n, total FROM totals ORDER BY 1")).isEqualTo(expected);
    }

    @Test
    void theSinkRetriesWhenPostgresTerminatesItsConnectionMidJob() throws Exception {
        var job = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'",
                        "INSERT INTO sums SELECT MOD(k, 17), COUNT(*), SUM(k) FROM slow GROUP BY MOD(k, 17)");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int terminated = 0;
        while (!job.isDone()) {
            Thread.sleep(700);
            // the sink's connections (the connector names itself 'weir' to PostgreSQL)
            terminated += postgres("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'weir' AND pid <> pg_backend_pid()").lines().count();
        }
        job.get();
        assertThat(terminated).isPositive();
        assertThat(postgres("SELECT m, n, total FROM sums ORDER BY m"))
                .isEqualTo(postgres("SELECT g % 17, count(*), sum(g) FROM generate_series(1, 4000) g GROUP BY 1 ORDER BY 1"));
        assertThat(java.nio.file.Files.readString(Path.of("target", "jdbc-connector-server.log")))
                .contains("Writing ").contains("into table sums failed");
    }

    @Test
    void aKilledServerResumesItsUpsertJobAndTheTableEqualsPostgresAggregate() throws Exception {
        String connection = "'connector' = 'jdbc', 'url' = '" + postgres.jdbcUrl("postgres") + "', 'username' = 'postgres'";
        psql.query("CREATE TABLE ticks (k BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '6000', "
                + "'rows-per-second' = '1500', 'fields.k.kind' = 'sequence', 'fields.k.start' = '1', "
                + "'fields.k.end' = '6000')", "CREATE TABLE recovered (m BIGINT, n BIGINT, total BIGINT, "
                + "PRIMARY KEY (m) NOT ENFORCED) WITH (" + connection + ", 'table-name' = 'recovered')");
        String job = psql.query("SET 'execution.runtime-mode' = 'streaming'",
                "SET 'execution.checkpointing.interval' = '300ms'",
                "INSERT INTO recovered SELECT MOD(k, 13), COUNT(*), SUM(k) FROM ticks GROUP BY MOD(k, 13)");
        Thread.sleep(2000);
        server.kill();
        String expected = postgres("SELECT g % 13, count(*), sum(g) FROM generate_series(1, 6000) g GROUP BY 1 ORDER BY 1");
        assertThat(postgres("SELECT m, n, total FROM recovered ORDER BY 1")).as("killed half way").isNotEqualTo(expected);

        server.start();
        String status = "";
        for (int i = 0; i < 300 && !status.contains("FINISHED"); i++) {
            Thread.sleep(100);
            status = psql.query("SHOW JOBS").lines().filter(l -> l.startsWith(job)).findFirst().orElse("");
        }
        assertThat(status).as("the job resumed from its checkpoint and finished").contains("FINISHED");
        assertThat(postgres("SELECT m, n, total FROM recovered ORDER BY 1")).isEqualTo(expected);
    }

    @Test
    void aLookupJoinMatchesPostgresJoin() throws Exception {
        psql.query("SET 'table.dml-sync' = 'true'", "INSERT INTO enriched SELECT o.id, c.name, c.country FROM orders AS o "
                + "LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id");
        assertThat(postgres("SELECT order_id, name, country FROM enriched ORDER BY order_id"))
                .isEqualTo(postgres("SELECT o.id, c.name, c.country FROM orders o LEFT JOIN customers c "
                        + "ON o.customer_id = c.id ORDER BY o.id"));

        // through PgJDBC: an inner lookup join with a condition on the looked-up row
        String sql = "SELECT c.country, COUNT(*), SUM(o.amount) FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF "
                + "o.proc_time AS c ON o.customer_id = c.id AND c.country <> 'DK' GROUP BY c.country ORDER BY c.country";
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/weir", "weir", ""); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getLong(2) + "|" + result.getBigDecimal(3));
            }
        }
        assertThat(String.join("\n", rows)).isEqualTo(postgres("SELECT c.country, count(*), sum(o.amount) FROM orders o "
                + "JOIN customers c ON o.customer_id = c.id AND c.country <> 'DK' GROUP BY 1 ORDER BY 1"));
    }

    @Test
    void aStreamingLookupJoinWithCheckpointsFeedsAnUpsertedAggregate() throws Exception {
        psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'",
                "SET 'execution.checkpointing.interval' = '300 ms'",
                "INSERT INTO by_country SELECT c.country, COUNT(*), SUM(o.k) FROM clicks AS o "
                        + "JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer = c.id GROUP BY c.country");
        assertThat(postgres("SELECT country, n, total FROM by_country ORDER BY 1")).isEqualTo(postgres(
                "SELECT c.country, count(*), sum(g) FROM generate_series(1, 3000) g JOIN customers c "
                        + "ON g % 60 + 1 = c.id GROUP BY 1 ORDER BY 1"));
    }

    @Test
    void thePasswordIsHiddenAndUpdatesNeedAKey() throws Exception {
        String ddl = psql.query("SHOW CREATE TABLE customers");
        assertThat(ddl).contains("'password' = '******'").doesNotContain("not-shown-anywhere");
        PsqlClient.Result refused = psql.run("SET 'execution.runtime-mode' = 'streaming'",
                "INSERT INTO enriched SELECT 1, country, MAX(name) FROM customers GROUP BY country");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("doesn't support consuming update changes").contains("PRIMARY KEY");
        PsqlClient.Result badOption = psql.run("CREATE TABLE bad (id BIGINT) WITH ('connector' = 'jdbc', 'url' = '"
                + postgres.jdbcUrl("postgres") + "', 'table-name' = 'x', 'lookup.cache' = 'ALL')");
        assertThat(badOption.stderr()).contains("'lookup.cache'").contains("one of NONE, PARTIAL");
        assertThat(java.nio.file.Files.readString(Path.of("target", "jdbc-connector-server.log")))
                .doesNotContain("not-shown-anywhere");
    }
}
