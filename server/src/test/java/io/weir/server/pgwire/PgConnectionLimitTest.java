package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

class PgConnectionLimitTest {
    @Test
    void sessionsBeyondTheLimitAreRefusedWithSqlstate53300AndTheOthersKeepWorking() throws Exception {
        try (PgServer server = new PgServer("127.0.0.1", 0, new FakeSessionFactory(), 2)) {
            server.start();
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/weir?preferQueryMode=simple";
            try (Connection first = DriverManager.getConnection(url, "weir", "")) {
                Connection second = DriverManager.getConnection(url, "weir", "");
                assertThatThrownBy(() -> DriverManager.getConnection(url, "weir", ""))
                        .isInstanceOfSatisfying(PSQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("53300");
                            assertThat(e.getMessage()).contains("too many clients");
                        });
                try (Statement statement = first.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
                    assertThat(rows.next()).isTrue();
                }
                second.close();
                waitForClose();
                try (Connection third = DriverManager.getConnection(url, "weir", "")) {
                    assertThat(third.isValid(5)).isTrue();
                }
            }
        }
    }

    /** The server learns of a closed session asynchronously, on the session's thread. */
    private static void waitForClose() throws InterruptedException {
        Thread.sleep(300);
    }
}
