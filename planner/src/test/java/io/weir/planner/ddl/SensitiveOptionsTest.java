package io.weir.planner.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.ConnectorRegistry;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensitiveOptionsTest {
    /** A connector that declares 'api.token' sensitive and 'path' not. */
    private static final TableFactory FACTORY = new TableFactory() {
        @Override
        public String identifier() {
            return "vault";
        }

        @Override
        public List<ConfigOption<?>> options() {
            return List.of(ConfigOption.string("path", null, "where"),
                    ConfigOption.string("api.token", null, "the token").asSensitive());
        }
    };

    @Test
    void hidesDeclaredAndNamedSecretsButKeepsTheRest() {
        String ddl = "CREATE TABLE `t` (`a` INT) WITH ('connector' = 'vault', 'path' = 's3://b/p', "
                + "'api.token' = 'tok''en-1', 's3.secret-key' = 'very-secret', 'password' = 'pw')";
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "vault");
        options.put("path", "s3://b/p");
        options.put("api.token", "tok'en-1");
        options.put("s3.secret-key", "very-secret");
        options.put("password", "pw");

        String shown = SensitiveOptions.redact(ddl, options, ConnectorRegistry.of(List.of(FACTORY)));

        assertThat(shown).doesNotContain("tok''en-1", "very-secret", "'pw'")
                .contains("'path' = 's3://b/p'", "'api.token' = '******'", "'s3.secret-key' = '******'",
                        "'password' = '******'");
    }

    @Test
    void declaredFlagDefaultsToFalse() {
        assertThat(ConfigOption.string("k", null, "d").isSensitive()).isFalse();
        assertThat(ConfigOption.string("k", null, "d").asSensitive().isSensitive()).isTrue();
    }
}
