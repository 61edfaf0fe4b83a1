package io.weir.server.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.JobExecutor;
import io.weir.executor.JobHandle;
import io.weir.executor.WorkerInfo;
import io.weir.executor.cluster.JobMaster;
import io.weir.executor.cluster.Placement;
import io.weir.executor.cluster.StoredCheckpoints;
import io.weir.executor.cluster.WorkerGateway;
import io.weir.executor.internal.Chains;
import io.weir.executor.internal.CheckpointData;
import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.SourceSpec;
import io.weir.executor.plan.Vertex;
import io.weir.executor.view.MaterializedViewConnector;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on the cluster's workers: keeps the registered workers (the coordinator's own in-JVM
 * runtime, and worker processes that registered over RPC), their slots and heartbeats; places each
 * job's subtasks over free slots, spread across workers (with slot sharing, as Flink does: slot i
 * of a job runs subtask i of every vertex, so a job needs as many slots as its widest vertex); and
 * starts a {@link JobMaster} for it. Collect and materialized-view subtasks always run in the
 * coordinator's JVM, where the session and the view store are. A job that finds too few free slots
 * waits (SHOW JOBS says so) until {@code slot.request.timeout} (Flink's option, 5 min by default),
 * then fails saying how many it needed. The embedded server's in-JVM worker takes every job at
 * once, sharing the machine's cores as the embedded executor always did.
 *
 * <p>Thread-safe: membership and slots change under this object's lock.
 */
public final class ClusterExecutor implements JobExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterExecutor.class);
    private static final long RETRY_MILLIS = 500;
    private static final Duration DEFAULT_SLOT_TIMEOUT = Duration.ofMinutes(5);

    private final ConnectorRegistry connectors;
    private final String localWorkerId;
    private final boolean localElastic;
    // @GuardedBy("this")
    private final Map<String, WorkerEntry> workers = new TreeMap<>();
    private final Map<String, JobMaster> masters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> slotsHeld = new ConcurrentHashMap<>();
    private final AtomicLong executions = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final Duration heartbeatTimeout;
    private volatile boolean closed;

    /**
     * @param local the coordinator's in-JVM runtime, registered as worker {@code local.workerId()}
     * @param localSlots slots it offers; 0 for a coordinator of worker processes (it then runs only
     *     collect and materialized-view subtasks)
     * @param heartbeatTimeout after how long without a heartbeat a worker process counts as lost
     */
    public ClusterExecutor(ConnectorRegistry connectors, WorkerGateway local, String localAddress, int localSlots,
            Duration heartbeatTimeout) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.localWorkerId = local.workerId();
        this.localElastic = localSlots > 0;
        this.heartbeatTimeout = requireNonNull(heartbeatTimeout, "heartbeatTimeout is null");
        workers.put(local.workerId(), new WorkerEntry(local.workerId(), localAddress, localSlots, local, localSlots == 0));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "weir-cluster");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkHeartbeats, 1, 1, TimeUnit.SECONDS);
    }

    // ---- membership

    /** A worker process registered (or registered again after a restart: it replaces its former self). */
    public void register(String id, String address, int slots, WorkerGateway gateway) {
        WorkerEntry former;
        synchronized (this) {
            former = workers.put(id, new WorkerEntry(id, address, slots, gateway, false));
        }
        if (former != null) {
            jobsLost(id, "it registered again, so its former process is gone");
        }
        LOG.info("Worker {} joined at {} with {} slots", id, address, slots);
    }

    /** Worker {@code id} is alive, and reports {@code load}. */
    public void heartbeat(String id, io.weir.executor.WorkerLoad load) {
        WorkerEntry entry;
        synchronized (this) {
            entry = workers.get(id);
        }
        if (entry != null) {
            entry.lastHeartbeat = Instant.now();
            entry.load = load;
        }
    }

    /** Worker {@code id} is gone ({@code gateway} was its connection): no job is placed on it any more, and its jobs fail over. */
    public void lost(String id, WorkerGateway gateway, String reason) {
        if (forget(id, gateway)) {
            jobsLost(id, reason);
        }
    }

    /**
     * Takes worker {@code id} out of the cluster at once, so that no job is placed on it, if
     * {@code gateway} is still its connection; true when it did. Its jobs fail over with
     * {@link #jobsLost}, which may write and commit and so belongs on another thread than the
     * connection's.
     */
    boolean forget(String id, WorkerGateway gateway) {
        synchronized (this) {
            WorkerEntry entry = workers.get(id);
            if (entry == null || entry.gateway != gateway) {
                return false;
            }
            workers.remove(id);
        }
        return true;
    }

    /** The jobs that ran on worker {@code id} fail, and their managers restart them elsewhere. */
    void jobsLost(String id, String reason) {
        LOG.warn("Worker {} was lost: {}", id, reason);
        for (JobMaster master : List.copyOf(masters.values())) {
            master.workerLost(id, reason);
        }
    }

    private void checkHeartbeats() {
        Instant deadline = Instant.now().minus(heartbeatTimeout);
        List<WorkerEntry> silent = new ArrayList<>();
        synchronized (this) {
            for (WorkerEntry entry : workers.values()) {
                if (!entry.id.equals(localWorkerId) && entry.lastHeartbeat.isBefore(deadline)) {
                    silent.add(entry);
                }
            }
        }
        for (WorkerEntry entry : silent) {
            lost(entry.id, entry.gateway, "no heartbeat for " + heartbeatTimeout.toSeconds() + " s");
        }
    }

    /** The master of execution {@code executionId}, for messages from workers; null when it ended. */
    public JobMaster master(String executionId) {
        return masters.get(executionId);
    }

    @Override
    public synchronized List<WorkerInfo> workers() {
        List<WorkerInfo> list = new ArrayList<>();
        for (WorkerEntry entry : workers.values()) {
            if (!entry.pinnedOnly) {
                list.add(new WorkerInfo(entry.id, entry.address, entry.slotsFree(), entry.slots, entry.lastHeartbeat,
                        entry.load));
            }
        }
        return list;
    }

    // ---- jobs

    @Override
    public JobHandle submit(String jobId, JobGraph graph) {
        return schedule(jobId, graph, null);
    }

    @Override
    public JobHandle resume(String jobId, JobGraph graph) {
        return schedule(jobId, graph, StoredCheckpoints.latest(jobId, graph).orElse(null));
    }

    @Override
    public JobHandle restore(String jobId, JobGraph graph, Path file) {
        return schedule(jobId, graph, StoredCheckpoints.read(file));
    }

    @Override
    public Optional<String> latestCheckpoint(String jobId, JobGraph graph) {
        return StoredCheckpoints.latestLocation(jobId, graph);
    }

    private JobHandle schedule(String jobId, JobGraph graph, CheckpointData restored) {
        if (closed) {
            throw new WeirException(ErrorCode.OBJECT_IN_USE, "The server is shutting down; job " + jobId + " cannot start");
        }
        if (graph.version() != JobGraph.CURRENT_VERSION) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Job graph version " + graph.version()
                    + " is not supported; this executor runs version " + JobGraph.CURRENT_VERSION);
        }
        ScheduledJob job = new ScheduledJob(jobId, slotTimeout(graph));
        if (!tryPlace(job, graph, restored)) {
            LOG.info("Job {} waits for slots: {}", jobId, job.waitingFor());
            scheduler.schedule(() -> retry(job, graph, restored), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
        return job;
    }

    private void retry(ScheduledJob job, JobGraph graph, CheckpointData restored) {
        if (job.isSettled() || closed) {
            return;
        }
        if (tryPlace(job, graph, restored)) {
            return;
        }
        if (job.timedOut()) {
            job.giveUp(new WeirException(ErrorCode.INSUFFICIENT_RESOURCES, "Job " + job.jobId() + " could not get "
                    + "enough task slots within " + job.timeout().toSeconds() + " s ('slot.request.timeout'): "
                    + job.waitingFor() + "; start more workers (weir worker --slots N) or lower 'parallelism.default'"));
            return;
        }
        scheduler.schedule(() -> retry(job, graph, restored), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Places and starts the job when there are enough free slots; false (and why, on the job) when not. */
    private boolean tryPlace(ScheduledJob job, JobGraph graph, CheckpointData restored) {
        String executionId = job.jobId() + "-" + executions.incrementAndGet();
        Map<String, WorkerGateway> gateways = new HashMap<>();
        Placement placement;
        synchronized (this) {
            if (job.isSettled()) {
                return true;
            }
            List<List<Vertex>> chains = Chains.of(graph);
            int needed = 0;
            for (List<Vertex> chain : chains) {
                if (!pinned(chain)) {
                    needed = Math.max(needed, chain.get(0).parallelism());
                }
            }
            List<WorkerEntry> slots = pickSlots(needed);
            if (slots == null) {
                int free = workers.values().stream().filter(w -> !w.pinnedOnly).mapToInt(WorkerEntry::slotsFree).sum();
                job.waiting("needs " + needed + " slots, " + free + " free on " + workers().size() + " worker(s)");
                return false;
            }
            Map<String, String> tasks = new HashMap<>();
            Map<String, String> addresses = new HashMap<>();
            for (List<Vertex> chain : chains) {
                Vertex head = chain.get(0);
                for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                    WorkerEntry worker = pinned(chain) ? workers.get(localWorkerId) : slots.get(subtask);
                    tasks.put(CheckpointData.taskKey(head.id(), subtask), worker.id);
                    addresses.put(worker.id, worker.address);
                    gateways.put(worker.id, worker.gateway);
                }
            }
            placement = new Placement(tasks, addresses);
            Map<String, Integer> held = new HashMap<>();
            slots.forEach(worker -> held.merge(worker.id, 1, Integer::sum));
            held.forEach((id, count) -> workers.get(id).slotsUsed += count);
            slotsHeld.put(executionId, held);
        }
        JobMaster master = new JobMaster(job.jobId(), executionId, graph, placement, gateways, restored, this::ended);
        masters.put(executionId, master);
        job.placed(master);
        master.start(connectors);
        if (master.status().isTerminal()) {
            ended(master);
        }
        return true;
    }

    /**
     * {@code count} slots spread over the workers (one from each in turn, the workers with most free
     * slots first), or null when there are not that many; the elastic embedded worker always has room.
     */
    private List<WorkerEntry> pickSlots(int count) {
        List<WorkerEntry> candidates = new ArrayList<>();
        for (WorkerEntry entry : workers.values()) {
            if (!entry.pinnedOnly && (entry.slotsFree() > 0 || (localElastic && entry.id.equals(localWorkerId)))) {
                candidates.add(entry);
            }
        }
        if (candidates.isEmpty()) {
            return count == 0 ? List.of() : null;
        }
        candidates.sort((a, b) -> Integer.compare(b.slotsFree(), a.slotsFree()));
        Map<String, Integer> taken = new HashMap<>();
        List<WorkerEntry> picked = new ArrayList<>();
        while (picked.size() < count) {
            boolean progress = false;
            for (WorkerEntry entry : candidates) {
                if (picked.size() == count) {
                    break;
                }
                int already = taken.getOrDefault(entry.id, 0);
                boolean elastic = localElastic && entry.id.equals(localWorkerId);
                if (elastic || already < entry.slotsFree()) {
                    taken.put(entry.id, already + 1);
                    picked.add(entry);
                    progress = true;
                }
            }
            if (!progress) {
                return null;
            }
        }
        return picked;
    }

    /** Subtasks that must run in the coordinator's JVM: the client's collect queue and the view store live there. */
    private static boolean pinned(List<Vertex> chain) {
        for (Vertex vertex : chain) {
            if (vertex.operator() instanceof CollectSpec) {
                return true;
            }
            if (vertex.operator() instanceof SourceSpec source
                    && MaterializedViewConnector.IDENTIFIER.equals(source.connector())) {
                return true;
            }
            if (vertex.operator() instanceof SinkSpec sink && MaterializedViewConnector.IDENTIFIER.equals(sink.connector())) {
                return true;
            }
        }
        return false;
    }

    private void ended(JobMaster master) {
        if (masters.remove(master.executionId()) == null) {
            return;
        }
        Map<String, Integer> held = slotsHeld.remove(master.executionId());
        if (held != null) {
            synchronized (this) {
                held.forEach((id, count) -> {
                    WorkerEntry entry = workers.get(id);
                    if (entry != null) {
                        entry.slotsUsed = Math.max(0, entry.slotsUsed - count);
                    }
                });
            }
        }
    }

    private static Duration slotTimeout(JobGraph graph) {
        String text = graph.config().get("slot.request.timeout");
        return text == null || text.isBlank() ? DEFAULT_SLOT_TIMEOUT : io.weir.spi.connector.Durations.parse(text);
    }

    /** Stops scheduling and cancels every job; the worker runtimes are closed by their owners. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (JobMaster master : List.copyOf(masters.values())) {
            master.cancel();
        }
        for (JobMaster master : List.copyOf(masters.values())) {
            try {
                master.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
