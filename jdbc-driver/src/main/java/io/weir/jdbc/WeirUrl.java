package io.weir.jdbc;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:weir://host[:port]/[database][?props]} URL and its rewriting into the
 * PostgreSQL driver's URL with Weir's defaults.
 *
 * <p>Defaults (added unless the URL or the connection properties set them): port 5455, database
 * {@code weir}, {@code user=weir}, {@code ApplicationName=weir-jdbc} and {@code assumeMinServerVersion=9.4}
 * (so the driver sends the application name at startup instead of a {@code SET} statement).
 */
public record WeirUrl(String host, int port, String database, String query) {
    public static final String PREFIX = "jdbc:weir:";
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 5455;
    public static final String DEFAULT_DATABASE = "weir";

    /** The defaults added to every connection unless set, in the order they are added. */
    public static final Map<String, String> DEFAULTS = defaults();

    public WeirUrl {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(query, "query is null");
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("user", "weir");
        defaults.put("ApplicationName", "weir-jdbc");
        defaults.put("assumeMinServerVersion", "9.4");
        return Collections.unmodifiableMap(defaults);
    }

    /** Whether {@code url} is a Weir URL (the prefix only; {@link #parse} checks the rest). */
    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** Parses a Weir URL; throws {@link IllegalArgumentException} with the expected form when malformed. */
    public static WeirUrl parse(String url) {
        if (!accepts(url) || !url.startsWith("//", PREFIX.length())) {
            throw new IllegalArgumentException("Invalid Weir JDBC URL '" + url
                    + "': expected jdbc:weir://host[:port]/[database][?property=value&...]");
        }
        String rest = url.substring(PREFIX.length() + 2);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String authority = rest;
        String database = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            authority = rest.substring(0, slash);
            database = rest.substring(slash + 1);
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']', colon) < 0) {
            host = authority.substring(0, colon);
            port = parsePort(url, authority.substring(colon + 1));
        }
        return new WeirUrl(host.isEmpty() ? DEFAULT_HOST : host, port,
                database.isEmpty() ? DEFAULT_DATABASE : database, query);
    }

    private static int parsePort(String url, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid port '" + text + "' in Weir JDBC URL '" + url + "'");
    }

    /** The properties set in the URL's query string, decoded. */
    public Map<String, String> queryProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            properties.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /**
     * The PostgreSQL driver URL for this URL: same host, port, database and query, plus each default
     * that neither the query nor {@code info} sets.
     */
    public String toPostgresUrl(Properties info) {
        Map<String, String> fromUrl = queryProperties();
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(database);
        StringBuilder params = new StringBuilder(query);
        DEFAULTS.forEach((name, value) -> {
            if (!fromUrl.containsKey(name) && (info == null || info.getProperty(name) == null)) {
                if (params.length() > 0) {
                    params.append('&');
                }
                params.append(name).append('=').append(value);
            }
        });
        if (params.length() > 0) {
            url.append('?').append(params);
        }
        return url.toString();
    }
}
