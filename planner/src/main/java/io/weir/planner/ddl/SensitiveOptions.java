package io.weir.planner.ddl;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides the values of sensitive options (passwords, secret keys) in a table's DDL before it is
 * shown to a user. An option is sensitive when its connector declares it so
 * ({@link ConfigOption#isSensitive()}), or, as a safety net for connectors that do not, when its
 * key names a password or a secret. The catalog keeps the real values; only the shown text changes.
 * Stateless and thread-safe.
 */
final class SensitiveOptions {
    static final String MASK = "******";

    private SensitiveOptions() {
    }

    /** {@code ddl} with the value literal of every sensitive key in {@code options} replaced by the mask. */
    static String redact(String ddl, Map<String, String> options, ConnectorRegistry connectors) {
        requireNonNull(ddl, "ddl is null");
        requireNonNull(options, "options is null");
        List<ConfigOption<?>> declared = declaredOptions(options.get("connector"), connectors);
        String result = ddl;
        for (String key : options.keySet()) {
            if (isSensitive(key, declared)) {
                result = mask(result, key);
            }
        }
        return result;
    }

    static boolean isSensitive(String key, List<ConfigOption<?>> declared) {
        for (ConfigOption<?> option : declared) {
            if (option.matches(key) && option.isSensitive()) {
                return true;
            }
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret");
    }

    private static List<ConfigOption<?>> declaredOptions(String connector, ConnectorRegistry connectors) {
        if (connector == null || connectors == null) {
            return List.of();
        }
        try {
            TableFactory factory = connectors.get(connector);
            return factory.options();
        } catch (WeirException e) {
            // The connector is no longer installed: fall back to the key names alone.
            return List.of();
        }
    }

    /** Replaces {@code 'key' = '<value>'} (SQL string literals, '' escapes) with the masked value. */
    private static String mask(String ddl, String key) {
        String quotedKey = "'" + key.replace("'", "''") + "'";
        Pattern pattern = Pattern.compile("(" + Pattern.quote(quotedKey) + "\\s*=\\s*)'(?:[^']|'')*'");
        return pattern.matcher(ddl).replaceAll("$1'" + MASK + "'");
    }
}
