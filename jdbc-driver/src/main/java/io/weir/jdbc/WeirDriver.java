package io.weir.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:weir://host[:port]/[database][?props]} URLs.
 *
 * <p>A thin wrapper: Weir speaks the PostgreSQL wire protocol, so this driver rewrites the URL to
 * {@code jdbc:postgresql://...}, adds Weir's defaults (see {@link WeirUrl}: port 5455, database and
 * user {@code weir}, {@code ApplicationName=weir-jdbc}) unless the
 * caller set them, and hands the connection to {@code org.postgresql.Driver}. It depends on nothing
 * of Weir's, only on the PostgreSQL driver. It registers itself with {@link DriverManager} when
 * loaded, and through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>Thread-safe and stateless.
 */
public final class WeirDriver implements Driver {
    private static final int MAJOR_VERSION = 0;
    private static final int MINOR_VERSION = 1;

    static {
        try {
            DriverManager.registerDriver(new WeirDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Driver postgres = new org.postgresql.Driver();

    /** Connects, or returns {@code null} for a URL that is not {@code jdbc:weir:} (as JDBC requires). */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        return postgres.connect(toPostgresUrl(url, info), info == null ? new Properties() : info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return WeirUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(toPostgresUrl(url, info), info);
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }

    /** The {@code jdbc:postgresql:} URL a Weir URL is rewritten to, defaults included. */
    public static String toPostgresUrl(String url, Properties info) throws SQLException {
        try {
            return WeirUrl.parse(url).toPostgresUrl(info);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
    }
}
