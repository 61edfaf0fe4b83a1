package io.weir.server;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.ExecutorConfig;
import io.weir.executor.LocalExecutor;
import io.weir.planner.Planner;
import io.weir.planner.catalog.Catalog;
import io.weir.server.catalog.CatalogFileStore;
import io.weir.server.http.HttpApiServer;
import io.weir.server.job.JobManager;
import io.weir.server.pgwire.PgServer;
import io.weir.server.session.CatalogLoader;
import io.weir.server.session.SessionManager;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a coordinator (catalog, planner, job manager, pgwire and HTTP front ends)
 * and a worker (the local executor) in one JVM, with nothing external needed.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} once (also from a shutdown hook).
 */
public final class WeirServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeirServer.class);

    private final ServerConfig config;
    private FileChannel lockChannel;
    private FileLock dataDirLock;
    private LocalExecutor executor;
    private JobManager jobs;
    private PgServer pgServer;
    private HttpApiServer httpServer;

    public WeirServer(ServerConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    public synchronized void start() {
        long started = System.nanoTime();
        lockDataDir();
        ConnectorRegistry connectors = ConnectorRegistry.loadInstalled();
        Catalog catalog = new Catalog(new CatalogFileStore(config.dataDir()));
        executor = new LocalExecutor(new ExecutorConfig(config.slots(), ExecutorConfig.defaults().batchSize(),
                ExecutorConfig.defaults().memoryLimitBytes(), config.dataDir().resolve("state")), connectors);
        jobs = new JobManager(executor, config.dataDir());
        Planner planner = new Planner(catalog, connectors);
        int restored = CatalogLoader.restore(planner);
        int resumed = io.weir.server.session.JobResumption.run(planner, jobs);
        if (resumed > 0) {
            LOG.info("Resumed or restarted {} job(s) of the previous run (from their newest checkpoints)", resumed);
        }
        io.weir.server.auth.UserStore users = new io.weir.server.auth.UserStore(config.dataDir(),
                config.scramAuthentication());
        SessionManager sessions = new SessionManager(planner, jobs, users);
        pgServer = new PgServer(config.host(), config.pgPort(), sessions, config.maxConnections(),
                config.tlsCertificate() == null ? null
                        : new PgServer.TlsFiles(config.tlsCertificate(), config.tlsKey()), users);
        pgServer.start();
        if (config.httpPort() >= 0) {
            httpServer = new HttpApiServer(config.host(), config.httpPort(), jobs);
            httpServer.start();
        }
        LOG.info("Weir is ready in {} ms: psql -h {} -p {} -U weir -d weir (data in {}, {} tables and views, connectors {})",
                (System.nanoTime() - started) / 1_000_000, config.host(), pgServer.port(), config.dataDir(), restored,
                connectors.identifiers());
    }

    public int pgPort() {
        return pgServer.port();
    }

    public int httpPort() {
        return httpServer == null ? -1 : httpServer.port();
    }

    public JobManager jobs() {
        return jobs;
    }

    private void lockDataDir() {
        try {
            Files.createDirectories(config.dataDir());
            lockChannel = FileChannel.open(config.dataDir().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            dataDirLock = lockChannel.tryLock();
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot use the data directory " + config.dataDir() + ": "
                    + e.getMessage(), e);
        }
        if (dataDirLock == null) {
            throw new WeirException(ErrorCode.OBJECT_IN_USE, "The data directory " + config.dataDir()
                    + " is used by another running Weir server; stop it or pass another --data-dir");
        }
    }

    /** Stops accepting connections, cancels running jobs, and releases every resource. */
    @Override
    public synchronized void close() {
        LOG.info("Weir is shutting down");
        if (pgServer != null) {
            pgServer.close();
        }
        if (httpServer != null) {
            httpServer.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (executor != null) {
            executor.close();
        }
        try {
            if (dataDirLock != null) {
                dataDirLock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("Cannot release the lock of {}: {}", config.dataDir(), e.getMessage());
        }
        LOG.info("Weir stopped");
    }
}
