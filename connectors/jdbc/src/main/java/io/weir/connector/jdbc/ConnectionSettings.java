package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.Options;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How to reach the database table of one Weir table: URL, table, user, password, driver class.
 * A value, safe to share between threads; {@link #toString()} leaves the password out, so it may be
 * logged.
 */
record ConnectionSettings(String url, String tableName, String driver, String username, String password)
        implements Serializable {
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    ConnectionSettings {
        requireNonNull(url, "url is null");
        requireNonNull(tableName, "tableName is null");
    }

    /** The settings of {@code options}; fails naming the option when the URL is not PostgreSQL's. */
    static ConnectionSettings of(Options options) {
        String url = options.get(JdbcOptions.URL);
        if (!url.startsWith(POSTGRES_PREFIX)) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value for option 'url' of table '"
                    + options.tableName() + "': expected a PostgreSQL URL starting with '" + POSTGRES_PREFIX
                    + "' (the jdbc connector supports PostgreSQL only)");
        }
        return new ConnectionSettings(url, options.get(JdbcOptions.TABLE_NAME),
                options.getOptional(JdbcOptions.DRIVER).orElse(null),
                options.getOptional(JdbcOptions.USERNAME).orElse(null),
                options.getOptional(JdbcOptions.PASSWORD).orElse(null));
    }

    /** Opens a new connection (autocommit on, as the driver sets it). */
    Connection open() throws SQLException {
        if (driver != null) {
            loadDriver();
        }
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "weir");
        // a flush holds each key once, so its upserts may go as multi-row INSERTs (the URL may still say otherwise)
        if (!url.contains("reWriteBatchedInserts")) {
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return DriverManager.getConnection(url, properties);
    }

    private void loadDriver() {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class.forName(driver, true, loader == null ? getClass().getClassLoader() : loader);
        } catch (ClassNotFoundException e) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + driver
                    + "' for option 'driver': no such class on the server's class path (e.g. org.postgresql.Driver)");
        }
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + url + ", table-name=" + tableName + ", username=" + username + "]";
    }
}
