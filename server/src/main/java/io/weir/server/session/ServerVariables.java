package io.weir.server.session;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PostgreSQL run-time parameters clients ask for with {@code SHOW name}, and Weir's session
 * options by their Flink names.
 */
final class ServerVariables {
    static final String SERVER_VERSION = "15.0";

    private static final Map<String, String> FIXED = Map.of(
            "server_version", SERVER_VERSION,
            "server_version_num", "150000",
            "server_encoding", "UTF8",
            "client_encoding", "UTF8",
            "datestyle", "ISO, MDY",
            "timezone", "UTC",
            "integer_datetimes", "on",
            "standard_conforming_strings", "on",
            "transaction_isolation", "read committed",
            "search_path", "public");

    private ServerVariables() {
    }

    /** Every fixed parameter and session option, sorted by name, as (name, setting) rows. */
    static List<Object[]> all(Map<String, String> sessionOptions) {
        Map<String, String> merged = new TreeMap<>(FIXED);
        merged.putAll(sessionOptions);
        return merged.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
    }

    /** Every fixed parameter and session option by name. */
    static Map<String, String> asMap(Map<String, String> sessionOptions) {
        Map<String, String> merged = new TreeMap<>(FIXED);
        merged.putAll(sessionOptions);
        return merged;
    }

    static String value(String name, Map<String, String> sessionOptions) {
        String option = sessionOptions.get(name);
        if (option != null) {
            return option;
        }
        String fixed = FIXED.get(name.toLowerCase(Locale.ROOT));
        if (fixed != null) {
            return fixed;
        }
        throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }
}
