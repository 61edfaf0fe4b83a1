package io.weir.server;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.ExecutorConfig;
import io.weir.executor.cluster.WorkerRuntime;
import io.weir.executor.network.DataPlane;
import io.weir.planner.Planner;
import io.weir.planner.catalog.Catalog;
import io.weir.server.catalog.CatalogFileStore;
import io.weir.server.cluster.ClusterExecutor;
import io.weir.server.cluster.RpcServer;
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
 * The coordinator (catalog, planner, job manager, scheduler, pgwire and HTTP front ends) with a
 * worker runtime in the same JVM. Embedded (the default, {@code weir server}): that runtime is the
 * one worker and runs every job, with nothing external needed and no RPC port. As a cluster's
 * coordinator ({@code weir coordinator}, with a {@link ClusterOptions#rpcPort}): worker processes
 * register over RPC and run the jobs; the in-JVM runtime only runs the subtasks that must stay beside
 * the coordinator (query results for clients, materialized views).
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} once (also from a shutdown hook).
 */
public final class WeirServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeirServer.class);

    /**
     * Running as the coordinator of worker processes.
     *
     * @param rpcPort where workers connect (0 picks a free one)
     * @param heartbeatTimeout after how long without a heartbeat a worker counts as lost
     */
    public record ClusterOptions(int rpcPort, java.time.Duration heartbeatTimeout) {
    }

    private static final java.time.Duration EMBEDDED_HEARTBEAT_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final ServerConfig config;
    private final ClusterOptions cluster;
    private WorkerRuntime localWorker;
    private DataPlane dataPlane;
    private RpcServer rpcServer;
    private FileChannel lockChannel;
    private FileLock dataDirLock;
    private ClusterExecutor executor;
    private JobManager jobs;
    private PgServer pgServer;
    private HttpApiServer httpServer;

    public WeirServer(ServerConfig config) {
        this(config, null);
    }

    /** A server that coordinates worker processes when {@code cluster} is not null. */
    public WeirServer(ServerConfig config, ClusterOptions cluster) {
        this.config = requireNonNull(config, "config is null");
        this.cluster = cluster;
    }

    public synchronized void start() {
        long started = System.nanoTime();
        lockDataDir();
        ConnectorRegistry connectors = ConnectorRegistry.loadInstalled();
        Catalog catalog = new Catalog(new CatalogFileStore(config.dataDir()));
        ExecutorConfig executorConfig = new ExecutorConfig(config.slots(), ExecutorConfig.defaults().batchSize(),
                ExecutorConfig.defaults().memoryLimitBytes(), config.dataDir().resolve("state"));
        if (cluster == null) {
            localWorker = new WorkerRuntime("embedded", executorConfig, connectors);
            executor = new ClusterExecutor(connectors, localWorker, "in-process", config.slots(), EMBEDDED_HEARTBEAT_TIMEOUT);
        } else {
            localWorker = new WorkerRuntime("coordinator", executorConfig, connectors);
            try {
                dataPlane = new DataPlane(localWorker, config.host(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeirException(ErrorCode.IO_ERROR, "Interrupted while opening the coordinator's data port");
            }
            localWorker.useRemoteChannels(dataPlane);
            executor = new ClusterExecutor(connectors, localWorker, dataPlane.address(), 0, cluster.heartbeatTimeout());
            rpcServer = new RpcServer(config.host(), cluster.rpcPort(), executor);
        }
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

    /** The port workers connect to; -1 for the embedded server. */
    public int rpcPort() {
        return rpcServer == null ? -1 : rpcServer.port();
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
        if (rpcServer != null) {
            rpcServer.close();
        }
        if (localWorker != null) {
            localWorker.close();
        }
        if (dataPlane != null) {
            dataPlane.close();
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
