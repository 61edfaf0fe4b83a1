package io.weir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresClusterTest {
    @Test
    void startsAClusterWithLogicalReplicationOnLoopbackAndRemovesItWhenClosed() throws Exception {
        java.nio.file.Path log;
        try (PostgresCluster cluster = PostgresCluster.start();
                Connection connection = DriverManager.getConnection(cluster.jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            log = cluster.logFile();
            try (ResultSet rows = statement.executeQuery("SHOW wal_level")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("logical");
            }
            try (ResultSet rows = statement.executeQuery("SELECT inet_server_addr()::text")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).startsWith("127.0.0.1");
            }
        }
        assertThat(log.getParent()).doesNotExist();
    }
}
