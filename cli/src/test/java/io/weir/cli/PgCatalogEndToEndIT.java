package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's catalogs over Weir's catalog, as tools read them: psql's meta-commands (the real psql
 * binary) and PostgreSQL JDBC's DatabaseMetaData list exactly the tables, views and columns the
 * test created, with PostgreSQL's type names; a catalog query Weir cannot answer is a clean error
 * that leaves the session working.
 */
class PgCatalogEndToEndIT {
    @TempDir
    java.nio.file.Path work;

    @Test
    void psqlMetaCommandsAndJdbcMetadataShowWhatWasCreated() throws Exception {
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE orders (id BIGINT NOT NULL, customer STRING, amount DECIMAL(12, 2), "
                    + "ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'number-of-rows' = '10')",
                    "CREATE TABLE events (name VARCHAR(20), ok BOOLEAN) WITH ('connector' = 'datagen')",
                    "CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount > 100");

            assertThat(psql.query("\\dt")).isEqualTo("public|events|table|weir\npublic|orders|table|weir");
            assertThat(psql.query("\\dv")).isEqualTo("public|big|view|weir");
            assertThat(psql.query("\\d orders")).isEqualTo(String.join("\n",
                    "id|bigint||not null|", "customer|text|||", "amount|numeric(12,2)|||",
                    "ts|timestamp without time zone|||"));
            assertThat(psql.query("\\d big")).isEqualTo("id|bigint||not null|\namount|numeric(12,2)|||");
            assertThat(psql.query("\\dn")).isEqualTo("public|weir");
            assertThat(psql.query("\\l")).startsWith("weir|weir|UTF8|");
            assertThat(psql.query("SELECT version()")).contains("Weir");

            PsqlClient.Result bad = psql.run("SELECT pg_catalog.no_such_function(1)");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.stderr()).contains("catalog query").contains("no_such_function");
            assertThat(psql.query("SELECT COUNT(*) FROM orders")).isEqualTo("10");

            Properties properties = new Properties();
            properties.setProperty("user", "weir");
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                    + "/weir", properties)) {
                DatabaseMetaData meta = connection.getMetaData();
                assertThat(names(meta.getTables(null, "public", "%", new String[] {"TABLE"}), "TABLE_NAME"))
                        .containsExactly("events", "orders");
                assertThat(names(meta.getTables(null, null, "big", null), "TABLE_TYPE")).containsExactly("VIEW");
                List<String> columns = new ArrayList<>();
                try (ResultSet rows = meta.getColumns(null, "public", "orders", null)) {
                    while (rows.next()) {
                        columns.add(rows.getString("COLUMN_NAME") + ":" + rows.getString("TYPE_NAME") + ":"
                                + rows.getInt("ORDINAL_POSITION") + ":" + rows.getString("IS_NULLABLE"));
                    }
                }
                assertThat(columns).containsExactly("id:int8:1:NO", "customer:text:2:YES", "amount:numeric:3:YES",
                        "ts:timestamp:4:YES");
                assertThat(names(meta.getSchemas(), "TABLE_SCHEM")).contains("public", "pg_catalog");
                assertThat(names(meta.getPrimaryKeys(null, null, "orders"), "COLUMN_NAME")).isEmpty();
            }
        }
    }

    private static List<String> names(ResultSet rows, String column) throws Exception {
        List<String> names = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                names.add(rows.getString(column));
            }
        }
        return names;
    }
}
