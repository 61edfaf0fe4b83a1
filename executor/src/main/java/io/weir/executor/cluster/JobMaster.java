package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.CheckpointInfo;
import io.weir.executor.ConnectorRegistry;
import io.weir.executor.JobHandle;
import io.weir.executor.JobStatus;
import io.weir.executor.ResultIterator;
import io.weir.executor.VertexMetrics;
import io.weir.executor.WatermarkInfo;
import io.weir.executor.internal.Chains;
import io.weir.executor.internal.CheckpointCoordinator;
import io.weir.executor.internal.CheckpointData;
import io.weir.executor.internal.CheckpointSettings;
import io.weir.executor.internal.Checkpointing;
import io.weir.executor.operator.ResultQueue;
import io.weir.executor.operator.SinkOperator.SinkOperatorFactory;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.Vertex;
import io.weir.spi.connector.Committable;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a job, seen from the coordinator: deploys a fragment to every worker of its
 * {@link Placement}, starts them once all are deployed, triggers and completes checkpoints (writing
 * their metadata, then committing the sinks' staged output, then telling the sources), decides that
 * the job is complete when every sink and collect subtask has ended, and commits the output of a
 * finished job. The first failure of a fragment, or a worker that is lost, fails the execution and
 * cancels the other fragments; a restart is a new execution (the server's job manager decides).
 * Thread-safe; fragment callbacks come from task or network threads.
 */
public final class JobMaster implements JobHandle, FragmentListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobMaster.class);

    private final String jobId;
    private final String executionId;
    private final JobGraph graph;
    private final Placement placement;
    private final Map<String, WorkerGateway> gateways;
    private final CheckpointData restored;
    private final Consumer<JobMaster> onEnd;
    private final Map<Integer, SinkOperatorFactory> sinks = new HashMap<>();
    private final Set<String> fragmentsRunning = ConcurrentHashMap.newKeySet();
    private final Set<String> subtasksRunning = ConcurrentHashMap.newKeySet();
    private final Set<String> terminalsRunning = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    // @GuardedBy("this"): committables fragments staged for checkpoints that have not completed yet
    private final TreeMap<Long, Map<Integer, List<Committable>>> pendingStaged = new TreeMap<>();
    // @GuardedBy("this"): what finished fragments handed over for the final commit
    private final Map<Integer, List<Committable>> finalCommittables = new HashMap<>();
    private final Map<String, FragmentMetrics> lastMetrics = new ConcurrentHashMap<>();
    private final int totalSubtasks;
    private CheckpointCoordinator checkpoints;
    // the collect vertex's queue, in the fragment of this JVM that runs it (null: the job has none)
    private volatile ResultQueue resultQueue;
    private volatile boolean stopping;
    private volatile boolean cancelRequested;
    private volatile boolean completed;
    private volatile JobStatus status = JobStatus.RUNNING;

    public JobMaster(String jobId, String executionId, JobGraph graph, Placement placement,
            Map<String, WorkerGateway> gateways, CheckpointData restored, Consumer<JobMaster> onEnd) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.executionId = requireNonNull(executionId, "executionId is null");
        this.graph = requireNonNull(graph, "graph is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.gateways = Map.copyOf(requireNonNull(gateways, "gateways is null"));
        this.restored = restored;
        this.onEnd = requireNonNull(onEnd, "onEnd is null");
        for (List<Vertex> chain : Chains.of(graph)) {
            Vertex head = chain.get(0);
            boolean terminal = graph.outputsOf(chain.get(chain.size() - 1).id()).isEmpty();
            for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                String key = CheckpointData.taskKey(head.id(), subtask);
                subtasksRunning.add(key);
                if (terminal) {
                    terminalsRunning.add(key);
                }
            }
        }
        this.totalSubtasks = subtasksRunning.size();
        fragmentsRunning.addAll(placement.workers());
    }

    /**
     * Prepares the sinks (on a resume: commits the restored checkpoint's output again and removes
     * what failed attempts left), deploys every fragment, then starts them all. A job that cannot
     * start ends FAILED, with every fragment deployed so far cancelled.
     */
    public JobMaster start(ConnectorRegistry connectors) {
        try {
            for (Vertex vertex : graph.vertices()) {
                if (vertex.operator() instanceof SinkSpec spec) {
                    sinks.put(vertex.id(), new SinkOperatorFactory(spec, connectors));
                }
            }
            if (restored != null) {
                checkRestoredOperators();
                sinks.forEach((vertexId, sink) -> sink.recover(restored.committables().getOrDefault(vertexId, List.of()),
                        jobId));
                LOG.info("Job {} resumes from checkpoint {}", jobId, restored.id());
            }
            checkpoints = newCheckpointCoordinator();
            if (checkpoints != null) {
                checkpoints.deleteLeftovers();
            }
            Deployment deployment = new Deployment(jobId, executionId, graph, placement, restored);
            for (String worker : placement.workers()) {
                gateway(worker).deploy(deployment, this);
            }
            resultQueue = findResultQueue();
        } catch (Throwable e) {
            failure.compareAndSet(null, e instanceof WeirException ? e
                    : new WeirException(ErrorCode.INTERNAL_ERROR, "internal error while starting job " + jobId + ": " + e, e));
            stopping = true;
            List<String> deployed = List.copyOf(fragmentsRunning);
            fragmentsRunning.clear();
            for (String worker : deployed) {
                cancelQuietly(worker);
            }
            end();
            return this;
        }
        for (String worker : placement.workers()) {
            try {
                gateway(worker).start(executionId);
            } catch (RuntimeException e) {
                // the worker went away between deploy and start: the job fails over like any lost worker's
                workerLost(worker, e.getMessage());
                return this;
            }
        }
        if (checkpoints != null) {
            checkpoints.start();
        }
        LOG.info("Job {} runs {} subtasks on workers {}", jobId, totalSubtasks, placement.workers());
        return this;
    }

    private WorkerGateway gateway(String worker) {
        WorkerGateway gateway = gateways.get(worker);
        if (gateway == null) {
            throw new WeirException(ErrorCode.INSUFFICIENT_RESOURCES, "Worker " + worker + " is not available");
        }
        return gateway;
    }

    private void cancelQuietly(String worker) {
        try {
            WorkerGateway gateway = gateways.get(worker);
            if (gateway != null) {
                gateway.cancel(executionId);
            }
        } catch (RuntimeException e) {
            LOG.debug("Job {}: cancelling its fragment on {} failed: {}", jobId, worker, e.getMessage());
        }
    }

    public String executionId() {
        return executionId;
    }

    public Placement placement() {
        return placement;
    }

    public JobGraph graph() {
        return graph;
    }

    /**
     * A checkpoint or savepoint restores into the same operators only: every vertex with stored state
     * must run what it ran then (same SQL, same plan), or the restore fails naming the operator.
     */
    private void checkRestoredOperators() {
        Map<Integer, String> then = restored.operators() == null ? Map.of() : restored.operators();
        Set<Integer> withState = new HashSet<>();
        restored.states().values().forEach(byVertex -> byVertex.forEach((vertexId, state) -> {
            if (!state.isEmpty()) {
                withState.add(vertexId);
            }
        }));
        for (int vertexId : withState) {
            String now = graph.vertices().stream().filter(v -> v.id() == vertexId).map(v -> v.operator().describe())
                    .findFirst().orElse(null);
            if (!java.util.Objects.equals(then.get(vertexId), now)) {
                throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot restore job " + jobId + " from "
                        + "checkpoint " + restored.id() + ": its state belongs to operator " + vertexId + " ("
                        + then.get(vertexId) + "), which this job " + (now == null ? "does not have"
                        : "runs differently (" + now + ")") + "; restore it into the statement it was taken from");
            }
        }
    }

    /**
     * The checkpoint coordinator when the job's config sets {@code execution.checkpointing.interval};
     * null otherwise, or when an operator of the job keeps state that checkpoints do not cover yet.
     */
    private CheckpointCoordinator newCheckpointCoordinator() {
        CheckpointSettings settings = CheckpointSettings.of(graph.config());
        if (settings.intervalMillis() <= 0 || totalSubtasks == 0) {
            return null;
        }
        for (Vertex vertex : graph.vertices()) {
            if (!Checkpointing.covers(vertex.operator())) {
                LOG.warn("Job {}: checkpoints are off because {} is not covered by checkpoints yet (it starts over after a restart)",
                        jobId, vertex.name());
                return null;
            }
        }
        io.weir.executor.state.CheckpointDirectory dir = Checkpointing.directory(graph.config(), jobId);
        return new CheckpointCoordinator(jobId, dir, settings, totalSubtasks, restored == null ? 0 : restored.id(),
                new CheckpointAccess());
    }

    /** How the checkpoint coordinator reaches this execution's fragments and sinks. */
    private final class CheckpointAccess implements CheckpointCoordinator.JobAccess {
        @Override
        public void failed(WeirException error) {
            // a checkpoint cut short by the job's own stop is no reason to fail it
            if (!stopping) {
                fail(error);
            }
        }

        @Override
        public boolean allRunning() {
            return subtasksRunning.size() == totalSubtasks && !stopping;
        }

        @Override
        public Map<Integer, List<Committable>> takeStaged(long checkpointId) {
            synchronized (JobMaster.this) {
                Map<Integer, List<Committable>> staged = new HashMap<>();
                var upTo = pendingStaged.headMap(checkpointId, true);
                upTo.values().forEach(byVertex -> byVertex.forEach((vertexId, list) ->
                        staged.computeIfAbsent(vertexId, id -> new ArrayList<>()).addAll(list)));
                upTo.clear();
                return staged;
            }
        }

        @Override
        public Map<Integer, String> operators() {
            Map<Integer, String> operators = new HashMap<>();
            graph.vertices().forEach(v -> operators.put(v.id(), v.operator().describe()));
            return operators;
        }

        @Override
        public void triggered(long checkpointId) {
            for (String worker : List.copyOf(fragmentsRunning)) {
                WorkerGateway gateway = gateways.get(worker);
                if (gateway != null) {
                    gateway.triggerCheckpoint(executionId, checkpointId);
                }
            }
        }

        @Override
        public void completed(CheckpointData data) {
            data.committables().forEach((vertexId, committables) -> {
                SinkOperatorFactory sink = sinks.get(vertexId);
                if (sink != null) {
                    sink.commit(committables);
                }
            });
            for (String worker : List.copyOf(fragmentsRunning)) {
                WorkerGateway gateway = gateways.get(worker);
                if (gateway != null) {
                    gateway.checkpointCompleted(executionId, data.id());
                }
            }
        }
    }

    // ---- FragmentListener

    @Override
    public void acknowledged(String execution, String workerId, CheckpointAcknowledgement ack) {
        if (!executionId.equals(execution)) {
            return;
        }
        if (!ack.staged().isEmpty()) {
            synchronized (this) {
                Map<Integer, List<Committable>> byVertex = pendingStaged.computeIfAbsent(ack.checkpointId(),
                        id -> new HashMap<>());
                ack.staged().forEach((vertexId, list) -> byVertex.computeIfAbsent(vertexId, id -> new ArrayList<>())
                        .addAll(list));
            }
        }
        CheckpointCoordinator coordinator = checkpoints;
        if (coordinator != null) {
            coordinator.acknowledge(ack.checkpointId(), ack.taskKey(), ack.states(), ack.alignmentNanos());
        }
    }

    @Override
    public void subtaskEnded(String execution, String workerId, String taskKey, boolean terminal) {
        if (!executionId.equals(execution)) {
            return;
        }
        subtasksRunning.remove(taskKey);
        if (terminal && terminalsRunning.remove(taskKey) && terminalsRunning.isEmpty() && !stopping) {
            completed = true;
            stopping = true;
            for (String worker : List.copyOf(fragmentsRunning)) {
                WorkerGateway gateway = gateways.get(worker);
                if (gateway != null) {
                    gateway.finish(executionId);
                }
            }
        }
    }

    @Override
    public void fragmentEnded(String execution, String workerId, FragmentResult result) {
        if (!executionId.equals(execution)) {
            return;
        }
        if (result.status() == JobStatus.FAILED) {
            fail(result.failure());
        }
        synchronized (this) {
            result.committables().forEach((vertexId, list) ->
                    finalCommittables.computeIfAbsent(vertexId, id -> new ArrayList<>()).addAll(list));
        }
        lastMetrics.put(workerId, result.metrics());
        fragmentEnded(workerId);
    }

    /** Worker {@code workerId} is gone (its process died, or it stopped answering): its fragment ends with it. */
    public void workerLost(String workerId, String reason) {
        if (!placement.workers().contains(workerId) || status.isTerminal()) {
            return;
        }
        fail(new WeirException(ErrorCode.INSUFFICIENT_RESOURCES, "Worker " + workerId + " was lost (" + reason
                + "); its subtasks of job " + jobId + " stopped"));
        placement.workerOfTask().forEach((task, worker) -> {
            if (worker.equals(workerId)) {
                subtasksRunning.remove(task);
            }
        });
        fragmentEnded(workerId);
    }

    private void fragmentEnded(String workerId) {
        if (fragmentsRunning.remove(workerId) && fragmentsRunning.isEmpty()) {
            end();
        }
    }

    private void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            LOG.info("Job {} failed: {}", jobId, error.getMessage());
            stopping = true;
            for (String worker : List.copyOf(fragmentsRunning)) {
                cancelQuietly(worker);
            }
        }
    }

    /** Runs once, when the last fragment has ended (or the job could not start). */
    private void end() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        JobStatus end;
        if (failure.get() != null) {
            abortPending();
            end = JobStatus.FAILED;
        } else if (cancelRequested && !completed) {
            abortPending();
            end = JobStatus.CANCELED;
        } else {
            end = commitSinks();
        }
        status = end;
        LOG.debug("Job {} ended: {}", jobId, end);
        terminated.countDown();
        onEnd.accept(this);
    }

    private JobStatus commitSinks() {
        try {
            Map<Integer, List<Committable>> all = allUncommitted();
            for (Map.Entry<Integer, SinkOperatorFactory> sink : sinks.entrySet()) {
                sink.getValue().commit(all.getOrDefault(sink.getKey(), List.of()));
            }
            return JobStatus.FINISHED;
        } catch (Throwable e) {
            failure.compareAndSet(null, e instanceof WeirException ? e
                    : new WeirException(ErrorCode.CONNECTOR_ERROR, "Committing the output of job " + jobId + " failed: " + e, e));
            abortPending();
            return JobStatus.FAILED;
        }
    }

    private void abortPending() {
        Map<Integer, List<Committable>> all = allUncommitted();
        all.forEach((vertexId, committables) -> {
            SinkOperatorFactory sink = sinks.get(vertexId);
            if (sink != null && !committables.isEmpty()) {
                try {
                    sink.abort(committables);
                } catch (Throwable e) {
                    LOG.warn("Job {}: aborting a sink failed", jobId, e);
                }
            }
        });
    }

    private synchronized Map<Integer, List<Committable>> allUncommitted() {
        Map<Integer, List<Committable>> all = new HashMap<>();
        pendingStaged.values().forEach(byVertex -> byVertex.forEach((vertexId, list) ->
                all.computeIfAbsent(vertexId, id -> new ArrayList<>()).addAll(list)));
        finalCommittables.forEach((vertexId, list) -> all.computeIfAbsent(vertexId, id -> new ArrayList<>()).addAll(list));
        pendingStaged.clear();
        finalCommittables.clear();
        return all;
    }

    // ---- JobHandle

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public JobStatus status() {
        return status;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void cancel() {
        if (status.isTerminal() || completed || failure.get() != null) {
            return;
        }
        cancelRequested = true;
        stopping = true;
        for (String worker : List.copyOf(fragmentsRunning)) {
            cancelQuietly(worker);
        }
    }

    @Override
    public JobStatus awaitTermination() throws InterruptedException {
        terminated.await();
        return status;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    @Override
    public ResultIterator results() {
        return new MasterResults(this, () -> resultQueue);
    }

    private ResultQueue findResultQueue() {
        for (String worker : placement.workers()) {
            WorkerGateway gateway = gateways.get(worker);
            ResultQueue queue = gateway == null ? null : gateway.results(executionId);
            if (queue != null) {
                return queue;
            }
        }
        return null;
    }

    @Override
    public long rowsWritten() {
        long rows = 0;
        Map<Integer, VertexMetrics> metrics = metrics();
        for (Vertex vertex : graph.vertices()) {
            if (vertex.operator() instanceof SinkSpec && metrics.containsKey(vertex.id())) {
                rows += metrics.get(vertex.id()).rowsIn();
            }
        }
        return rows;
    }

    /** Each worker's latest counters of this execution (kept after its fragment ended). */
    public Map<String, FragmentMetrics> fragmentMetrics() {
        for (String worker : List.copyOf(fragmentsRunning)) {
            WorkerGateway gateway = gateways.get(worker);
            FragmentMetrics metrics = gateway == null ? null : gateway.metrics(executionId);
            if (metrics != null) {
                lastMetrics.put(worker, metrics);
            }
        }
        return Map.copyOf(lastMetrics);
    }

    @Override
    public Map<Integer, VertexMetrics> metrics() {
        Map<Integer, VertexMetrics> sums = new LinkedHashMap<>();
        for (Vertex vertex : graph.vertices()) {
            sums.put(vertex.id(), new VertexMetrics(0, 0, 0));
        }
        for (FragmentMetrics fragment : fragmentMetrics().values()) {
            fragment.vertices().forEach((id, m) -> sums.merge(id, m, (a, b) -> new VertexMetrics(a.rowsIn() + b.rowsIn(),
                    a.rowsOut() + b.rowsOut(), a.lateRowsDropped() + b.lateRowsDropped())));
        }
        return sums;
    }

    /** Exactly-once when the job checkpoints and every sink is exactly-once (a job that sends rows to a client is not). */
    @Override
    public io.weir.executor.DeliveryGuarantee deliveryGuarantee() {
        if (checkpoints == null) {
            return io.weir.executor.DeliveryGuarantee.NONE;
        }
        boolean exactlyOnce = resultQueue == null;
        for (SinkOperatorFactory sink : sinks.values()) {
            if (sink.deliveryGuarantee() != io.weir.spi.connector.TableSink.DeliveryGuarantee.EXACTLY_ONCE) {
                exactlyOnce = false;
            }
        }
        return exactlyOnce ? io.weir.executor.DeliveryGuarantee.EXACTLY_ONCE
                : io.weir.executor.DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public boolean checkpointNow(long waitMillis) throws InterruptedException {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator != null && coordinator.checkpointNow(waitMillis);
    }

    @Override
    public List<CheckpointInfo> checkpoints() {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator == null ? List.of() : coordinator.history();
    }

    @Override
    public List<WatermarkInfo> watermarks() {
        List<WatermarkInfo> list = new ArrayList<>();
        fragmentMetrics().values().forEach(m -> list.addAll(m.watermarks()));
        list.sort(java.util.Comparator.comparing(WatermarkInfo::vertex).thenComparingInt(WatermarkInfo::subtask));
        return list;
    }

    @Override
    public int runningSubtasks() {
        return status.isTerminal() ? 0 : subtasksRunning.size();
    }
}
