package io.weir.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** URL rewriting, defaults and registration; no server needed. */
class WeirDriverTest {
    private static final String DEFAULTS = "user=weir&ApplicationName=weir-jdbc"
            + "&assumeMinServerVersion=9.4";

    @Test
    void fullUrlKeepsHostPortDatabaseAndAddsDefaults() throws Exception {
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://db.example:6000/sales", new Properties()))
                .isEqualTo("jdbc:postgresql://db.example:6000/sales?" + DEFAULTS);
    }

    @Test
    void missingPortAndDatabaseGetDefaults() throws Exception {
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://127.0.0.1", null))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5455/weir?" + DEFAULTS);
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://127.0.0.1/", null))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5455/weir?" + DEFAULTS);
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir:///", null))
                .isEqualTo("jdbc:postgresql://localhost:5455/weir?" + DEFAULTS);
    }

    @Test
    void ipv6HostKeepsItsBrackets() throws Exception {
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://[::1]:7000/x", null))
                .startsWith("jdbc:postgresql://[::1]:7000/x?");
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://[::1]/x", null))
                .startsWith("jdbc:postgresql://[::1]:5455/x?");
    }

    @Test
    void settingsFromUrlOrPropertiesWinOverDefaults() throws Exception {
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://h/d?preferQueryMode=extended&user=alice", null))
                .isEqualTo("jdbc:postgresql://h:5455/d?preferQueryMode=extended&user=alice"
                        + "&ApplicationName=weir-jdbc&assumeMinServerVersion=9.4");
        Properties info = new Properties();
        info.setProperty("ApplicationName", "my-app");
        info.setProperty("user", "bob");
        assertThat(WeirDriver.toPostgresUrl("jdbc:weir://h/d", info))
                .isEqualTo("jdbc:postgresql://h:5455/d?assumeMinServerVersion=9.4");
    }

    @Test
    void acceptsOnlyWeirUrls() {
        WeirDriver driver = new WeirDriver();
        assertThat(driver.acceptsURL("jdbc:weir://localhost/weir")).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://localhost/weir")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void connectReturnsNullForForeignUrls() throws Exception {
        assertThat(new WeirDriver().connect("jdbc:postgresql://localhost/x", new Properties())).isNull();
    }

    @Test
    void malformedUrlsAreExplained() {
        assertThatThrownBy(() -> WeirDriver.toPostgresUrl("jdbc:weir:localhost", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("expected jdbc:weir://host[:port]/[database]");
        assertThatThrownBy(() -> WeirDriver.toPostgresUrl("jdbc:weir://h:port/d", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Invalid port 'port'");
    }

    @Test
    void registeredWithDriverManagerAndServiceLoader() throws Exception {
        assertThat(DriverManager.getDriver("jdbc:weir://localhost/weir")).isInstanceOf(WeirDriver.class);
        assertThat(ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::type))
                .contains(WeirDriver.class);
    }
}
