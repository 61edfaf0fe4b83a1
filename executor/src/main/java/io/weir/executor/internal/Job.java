package io.weir.executor.internal;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.ExecutorConfig;
import io.weir.executor.JobHandle;
import io.weir.executor.JobStatus;
import io.weir.executor.ResultIterator;
import io.weir.executor.VertexMetrics;
import io.weir.executor.operator.Cancellation;
import io.weir.executor.operator.CancelledException;
import io.weir.executor.operator.CollectOperator.CollectOperatorFactory;
import io.weir.executor.operator.OperatorFactory;
import io.weir.executor.operator.Output;
import io.weir.executor.operator.ResultQueue;
import io.weir.executor.operator.SinkOperator.SinkOperatorFactory;
import io.weir.executor.operator.TaskContext;
import io.weir.executor.plan.Edge;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.SinkSpec;
import io.weir.executor.plan.Vertex;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One submitted {@link JobGraph} running in this JVM: its operator factories, gates, subtask runners
 * and lifecycle. The job ends when every subtask of its terminal vertices (sinks, collect) has ended:
 * the remaining subtasks (an unbounded source under a LIMIT) are then stopped quietly, sinks commit,
 * and the status becomes FINISHED. The first error of any subtask fails the job; a cancel stops it.
 * Either way sinks abort what they staged, every operator is closed, every queued batch released and
 * the job's allocator closed before the status turns terminal. Thread-safe.
 */
public final class Job implements JobHandle {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    private final String jobId;
    private final JobGraph graph;
    private final ExecutorConfig config;
    private final BufferAllocator allocator;
    private final Consumer<Job> onEnd;
    private final Map<Integer, OperatorFactory> factories = new HashMap<>();
    private final Map<Integer, LongAdder> rowsIn = new LinkedHashMap<>();
    private final Map<Integer, LongAdder> rowsOut = new LinkedHashMap<>();
    private final Map<Integer, LongAdder> lateRowsDropped = new LinkedHashMap<>();
    private final List<InputGate> allGates = new ArrayList<>();
    private final List<SubtaskRunner> runners = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger terminalsRunning = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Cancellation cancellation = () -> Job.this.stopping;
    private ResultQueue results;
    private CheckpointCoordinator checkpoints;
    private final Map<String, io.weir.executor.WatermarkInfo> watermarks = new java.util.concurrent.ConcurrentHashMap<>();
    private CheckpointData restored;
    private io.weir.executor.state.StateBackendFactory stateBackends = io.weir.executor.state.StateBackendFactory.HEAP;
    private volatile boolean stopping;
    private volatile boolean cancelRequested;
    private volatile boolean completed;
    private volatile boolean resultsClosed;
    private volatile JobStatus status = JobStatus.RUNNING;

    private Job(String jobId, JobGraph graph, ExecutorConfig config, BufferAllocator allocator, Consumer<Job> onEnd) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.graph = requireNonNull(graph, "graph is null");
        this.config = requireNonNull(config, "config is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.onEnd = requireNonNull(onEnd, "onEnd is null");
        for (Vertex vertex : graph.vertices()) {
            rowsIn.put(vertex.id(), new LongAdder());
            rowsOut.put(vertex.id(), new LongAdder());
            lateRowsDropped.put(vertex.id(), new LongAdder());
        }
    }

    /**
     * Builds the job and starts its subtasks on {@code threads}. Errors while building (an unknown
     * connector, an expression that cannot compile) give a job that has already FAILED.
     */
    public static Job start(String jobId, JobGraph graph, ExecutorConfig config, ConnectorRegistry connectors,
            BufferAllocator allocator, ExecutorService threads, Consumer<Job> onEnd) {
        return start(jobId, graph, config, connectors, allocator, threads, onEnd, null);
    }

    /**
     * As {@link #start(String, JobGraph, ExecutorConfig, ConnectorRegistry, BufferAllocator, ExecutorService,
     * Consumer)}, resuming from checkpoint {@code restored} when it is not null: its sinks' output is
     * committed (again), and every operator starts from its stored state.
     */
    public static Job start(String jobId, JobGraph graph, ExecutorConfig config, ConnectorRegistry connectors,
            BufferAllocator allocator, ExecutorService threads, Consumer<Job> onEnd, CheckpointData restored) {
        Job job = new Job(jobId, graph, config, allocator, onEnd);
        job.restored = restored;
        try {
            job.build(connectors);
            job.recoverSinks();
            job.checkpoints = job.newCheckpointCoordinator();
        } catch (Throwable e) {
            job.failure.set(e instanceof WeirException ? e
                    : new WeirException(ErrorCode.INTERNAL_ERROR, "internal error while starting job " + jobId + ": " + e, e));
            job.stopping = true;
            job.runners.clear();
        }
        if (job.runners.isEmpty()) {
            job.end();
            return job;
        }
        job.running.set(job.runners.size());
        if (job.checkpoints != null) {
            job.checkpoints.start();
        }
        for (SubtaskRunner runner : job.runners) {
            try {
                threads.execute(runner);
            } catch (RuntimeException e) {
                job.subtaskEnded(runner, new WeirException(ErrorCode.INSUFFICIENT_RESOURCES,
                        "Cannot start a thread for job " + jobId + ": " + e.getMessage(), e));
            }
        }
        return job;
    }

    private void build(ConnectorRegistry connectors) {
        stateBackends = io.weir.executor.state.StateBackends.factory(graph.config(), config.stateDirectory(), jobId,
                Checkpointing.directory(graph.config()).resolve(jobId));
        for (Vertex vertex : graph.vertices()) {
            OperatorFactory factory = OperatorFactories.create(vertex, graph, connectors);
            factories.put(vertex.id(), factory);
            if (factory instanceof CollectOperatorFactory collect) {
                if (results != null) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: a job graph has two collect vertices");
                }
                results = collect.queue();
            }
        }
        List<List<Vertex>> chains = Chains.of(graph);
        Map<Integer, List<InputGate>> gatesByHead = new HashMap<>();
        for (List<Vertex> chain : chains) {
            Vertex head = chain.get(0);
            List<Edge> inputs = graph.inputsOf(head.id());
            if (inputs.isEmpty()) {
                continue;
            }
            List<InputGate> gates = new ArrayList<>();
            for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                gates.add(new InputGate(expectedEnds(inputs, subtask)));
            }
            gatesByHead.put(head.id(), gates);
            allGates.addAll(gates);
        }
        int subtasks = 0;
        for (List<Vertex> chain : chains) {
            Vertex head = chain.get(0);
            Vertex tail = chain.get(chain.size() - 1);
            boolean terminal = graph.outputsOf(tail.id()).isEmpty();
            for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                InputGate gate = gatesByHead.containsKey(head.id()) ? gatesByHead.get(head.id()).get(subtask) : null;
                runners.add(new SubtaskRunner(this, chain, subtask, gate, tailOutput(tail, subtask, gatesByHead)));
                if (terminal) {
                    terminalsRunning.incrementAndGet();
                }
                subtasks++;
            }
        }
        if (subtasks > config.slots()) {
            LOG.info("Job {} runs {} subtasks on {} slots", jobId, subtasks, config.slots());
        }
        LOG.debug("Job {} graph:\n{}", jobId, graph.describe());
    }

    private int expectedEnds(List<Edge> inputs, int subtask) {
        int ends = 0;
        for (Edge edge : inputs) {
            int producers = graph.vertex(edge.source()).parallelism();
            if (edge.kind() == ExchangeKind.FORWARD) {
                ends += subtask < producers ? 1 : 0;
            } else if (edge.kind() == ExchangeKind.GATHER) {
                ends += subtask == 0 ? producers : 0;
            } else {
                ends += producers;
            }
        }
        return ends;
    }

    private Output tailOutput(Vertex tail, int subtask, Map<Integer, List<InputGate>> gatesByHead) {
        List<Output> outputs = new ArrayList<>();
        for (Edge edge : graph.outputsOf(tail.id())) {
            List<InputGate> targets = gatesByHead.get(edge.target());
            if (targets == null) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: edge " + edge + " leads nowhere");
            }
            outputs.add(new ExchangeOutput(edge, subtask, targets, tail.outputType(), allocator, cancellation));
        }
        if (outputs.isEmpty()) {
            return CountingOutput.discarding();
        }
        return outputs.size() == 1 ? outputs.get(0) : new FanOutOutput(outputs, allocator);
    }

    /** Where the checkpoints of {@code graph}'s jobs go. */
    public static java.nio.file.Path checkpointDirectory(JobGraph graph) {
        return Checkpointing.directory(graph.config());
    }

    /** The newest checkpoint job {@code jobId} of {@code graph} completed, if any. */
    public static java.util.Optional<CheckpointData> latestCheckpoint(String jobId, JobGraph graph)
            throws java.io.IOException {
        return CheckpointData.latest(Checkpointing.directory(graph.config()).resolve(jobId));
    }

    /** On resume: the restored checkpoint's staged output becomes visible, earlier attempts' leftovers go. */
    private void recoverSinks() {
        if (restored == null) {
            return;
        }
        checkRestoredOperators();
        factories.forEach((vertexId, factory) -> {
            if (factory instanceof SinkOperatorFactory sink) {
                sink.recover(restored.committables().getOrDefault(vertexId, List.of()), jobId);
            }
        });
        LOG.info("Job {} resumes from checkpoint {}", jobId, restored.id());
    }

    /**
     * A checkpoint or savepoint restores into the same operators only: every vertex with stored state
     * must run what it ran then (same SQL, same plan), or the restore fails naming the operator.
     */
    private void checkRestoredOperators() {
        Map<Integer, String> then = restored.operators() == null ? Map.of() : restored.operators();
        java.util.Set<Integer> withState = new java.util.HashSet<>();
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
     * The job's checkpoint coordinator when its config sets {@code execution.checkpointing.interval};
     * null otherwise, or when an operator of the job keeps state that checkpoints do not cover yet.
     */
    private CheckpointCoordinator newCheckpointCoordinator() {
        CheckpointSettings settings = CheckpointSettings.of(graph.config());
        if (settings.intervalMillis() <= 0 || runners.isEmpty()) {
            return null;
        }
        for (Vertex vertex : graph.vertices()) {
            if (!Checkpointing.covers(vertex.operator())) {
                LOG.warn("Job {}: checkpoints are off because {} is not covered by checkpoints yet (it starts over after a restart)",
                        jobId, vertex.name());
                return null;
            }
        }
        java.nio.file.Path dir = Checkpointing.directory(graph.config()).resolve(jobId);
        return new CheckpointCoordinator(jobId, dir, settings, runners.size(),
                restored == null ? 0 : restored.id(), new CheckpointCoordinator.JobAccess() {
                    @Override
                    public void failed(WeirException error) {
                        // a checkpoint cut short by the job's own stop is no reason to fail it
                        if (!stopping) {
                            fail(error);
                        }
                    }

                    @Override
                    public boolean allRunning() {
                        return running.get() == runners.size() && !stopping;
                    }

                    @Override
                    public Map<Integer, List<io.weir.spi.connector.Committable>> takeStaged(long checkpointId) {
                        Map<Integer, List<io.weir.spi.connector.Committable>> staged = new HashMap<>();
                        factories.forEach((vertexId, factory) -> {
                            if (factory instanceof SinkOperatorFactory sink) {
                                staged.put(vertexId, sink.takeStaged(checkpointId));
                            }
                        });
                        return staged;
                    }

                    @Override
                    public Map<Integer, String> operators() {
                        Map<Integer, String> operators = new HashMap<>();
                        graph.vertices().forEach(v -> operators.put(v.id(), v.operator().describe()));
                        return operators;
                    }

                    @Override
                    public void completed(CheckpointData data) {
                        data.committables().forEach((vertexId, committables) -> {
                            if (factories.get(vertexId) instanceof SinkOperatorFactory sink) {
                                sink.commit(committables);
                            }
                        });
                    }
                });
    }

    @Override
    public boolean checkpointNow(long waitMillis) throws InterruptedException {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator != null && coordinator.checkpointNow(waitMillis);
    }

    /** Exactly-once when the job checkpoints and every sink is exactly-once (a job that sends rows to a client is not). */
    @Override
    public io.weir.executor.DeliveryGuarantee deliveryGuarantee() {
        if (checkpoints == null) {
            return io.weir.executor.DeliveryGuarantee.NONE;
        }
        boolean exactlyOnce = results == null;
        for (OperatorFactory factory : factories.values()) {
            if (factory instanceof SinkOperatorFactory sink
                    && sink.deliveryGuarantee() != io.weir.spi.connector.TableSink.DeliveryGuarantee.EXACTLY_ONCE) {
                exactlyOnce = false;
            }
        }
        return exactlyOnce ? io.weir.executor.DeliveryGuarantee.EXACTLY_ONCE
                : io.weir.executor.DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public List<io.weir.executor.CheckpointInfo> checkpoints() {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator == null ? List.of() : coordinator.history();
    }

    // ---- used by subtask runners

    @Override
    public int runningSubtasks() {
        return running.get();
    }

    void recordWatermark(String chain, int subtask, long watermark, String status) {
        watermarks.put(chain + "/" + subtask, new io.weir.executor.WatermarkInfo(chain, subtask,
                watermark == Long.MIN_VALUE ? null : watermark, status));
    }

    @Override
    public List<io.weir.executor.WatermarkInfo> watermarks() {
        List<io.weir.executor.WatermarkInfo> list = new ArrayList<>(watermarks.values());
        list.sort(java.util.Comparator.comparing(io.weir.executor.WatermarkInfo::vertex)
                .thenComparingInt(io.weir.executor.WatermarkInfo::subtask));
        return list;
    }

    /** The newest checkpoint whose barrier sources should emit; 0 when none. */
    long triggeredCheckpoint() {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator == null ? 0 : coordinator.triggered();
    }

    /** The first checkpoint id of this run: barriers below it belong to the run the job resumed from. */
    long firstCheckpoint() {
        return restored == null ? 1 : restored.id() + 1;
    }

    /** The newest checkpoint that completed; 0 when none (sources confirm their input up to it). */
    long completedCheckpoint() {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator == null ? 0 : coordinator.lastCompleted();
    }

    void acknowledge(long checkpointId, String taskKey, Map<Integer, Map<Integer, byte[]>> states) {
        CheckpointCoordinator coordinator = checkpoints;
        if (coordinator != null) {
            coordinator.acknowledge(checkpointId, taskKey, states);
        }
    }

    /**
     * The part of the restored checkpoint's state for subtask {@code subtask} of {@code parallelism} of
     * vertex {@code vertexId} (see {@link CheckpointData#stateOf}); null when the job starts afresh or
     * the checkpoint has no state for the vertex.
     */
    CheckpointData.Restored restoredState(int vertexId, int subtask, int parallelism, boolean shared) {
        return restored == null ? null : restored.stateOf(vertexId, subtask, parallelism, shared);
    }

    Cancellation cancellation() {
        return cancellation;
    }

    OperatorFactory factory(int vertexId) {
        return factories.get(vertexId);
    }

    LongAdder rowsIn(int vertexId) {
        return rowsIn.get(vertexId);
    }

    LongAdder rowsOut(int vertexId) {
        return rowsOut.get(vertexId);
    }

    TaskContext taskContext(Vertex vertex, int subtask) {
        List<RowType> inputTypes = new ArrayList<>();
        for (Edge edge : graph.inputsOf(vertex.id())) {
            inputTypes.add(graph.vertex(edge.source()).outputType());
        }
        return new TaskContext(jobId, vertex, subtask, inputTypes, allocator, config.batchSize(), cancellation,
                lateRowsDropped.get(vertex.id()), stateBackends);
    }

    void subtaskEnded(SubtaskRunner runner, Throwable error) {
        if (error != null && !(error instanceof CancelledException)) {
            if (!stopping) {
                fail(Failures.of(runner.head(), error));
            } else {
                LOG.debug("Job {}: error in {} while stopping", jobId, runner.head().name(), error);
            }
        } else if (error == null && graph.outputsOf(runner.tail().id()).isEmpty()
                && terminalsRunning.decrementAndGet() == 0 && !stopping) {
            completed = true;
            stopAll();
        }
        if (running.decrementAndGet() == 0) {
            end();
        }
    }

    private void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            LOG.info("Job {} failed: {}", jobId, error.getMessage());
            stopAll();
        }
    }

    private void stopAll() {
        stopping = true;
        for (SubtaskRunner runner : runners) {
            runner.interrupt();
        }
    }

    /** Runs once, on the last subtask's thread (or the submitter's when nothing started). */
    private void end() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        JobStatus end;
        if (failure.get() != null) {
            abortSinks();
            end = JobStatus.FAILED;
        } else if (cancelRequested && !completed) {
            abortSinks();
            end = JobStatus.CANCELED;
        } else {
            end = commitSinks();
        }
        for (InputGate gate : allGates) {
            gate.drain();
        }
        long leaked = allocator.getAllocatedMemory();
        if (leaked != 0) {
            LOG.warn("Job {} leaked {} bytes of Arrow memory", jobId, leaked);
        }
        try {
            allocator.close();
        } catch (RuntimeException e) {
            LOG.warn("Job {}: closing its allocator failed: {}", jobId, e.getMessage());
        }
        status = end;
        LOG.debug("Job {} ended: {}", jobId, end);
        terminated.countDown();
        onEnd.accept(this);
    }

    private JobStatus commitSinks() {
        try {
            for (OperatorFactory factory : factories.values()) {
                if (factory instanceof SinkOperatorFactory sink) {
                    sink.commit();
                }
            }
            return JobStatus.FINISHED;
        } catch (Throwable e) {
            failure.compareAndSet(null, e instanceof WeirException ? e
                    : new WeirException(ErrorCode.CONNECTOR_ERROR, "Committing the output of job " + jobId + " failed: " + e, e));
            abortSinks();
            return JobStatus.FAILED;
        }
    }

    private void abortSinks() {
        for (OperatorFactory factory : factories.values()) {
            if (factory instanceof SinkOperatorFactory sink) {
                try {
                    sink.abort();
                } catch (Throwable e) {
                    LOG.warn("Job {}: aborting a sink failed", jobId, e);
                }
            }
        }
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
        stopAll();
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
        return new Results();
    }

    @Override
    public long rowsWritten() {
        long rows = 0;
        for (Vertex vertex : graph.vertices()) {
            if (vertex.operator() instanceof SinkSpec) {
                rows += rowsIn.get(vertex.id()).sum();
            }
        }
        return rows;
    }

    @Override
    public Map<Integer, VertexMetrics> metrics() {
        Map<Integer, VertexMetrics> metrics = new LinkedHashMap<>();
        for (Integer id : rowsIn.keySet()) {
            metrics.put(id, new VertexMetrics(rowsIn.get(id).sum(), rowsOut.get(id).sum(),
                    lateRowsDropped.get(id).sum()));
        }
        return metrics;
    }

    private WeirException failureAsWeir() {
        Throwable error = failure.get();
        if (error instanceof WeirException weir) {
            return weir;
        }
        return new WeirException(ErrorCode.INTERNAL_ERROR, "internal error in job " + jobId + ": " + error, error);
    }

    /** Reads the collect queue; see {@link JobHandle#results()}. */
    private final class Results implements ResultIterator {
        private List<Object[]> chunk = List.of();
        private int position;

        @Override
        public boolean hasNext() {
            while (position >= chunk.size()) {
                if (!advance()) {
                    return false;
                }
            }
            return true;
        }

        private boolean advance() {
            if (results == null || resultsClosed) {
                checkFailure();
                return false;
            }
            try {
                while (true) {
                    checkFailure();
                    List<Object[]> next = results.poll(10);
                    if (next != null) {
                        chunk = next;
                        position = 0;
                        return true;
                    }
                    if (results.isEnded()) {
                        next = results.poll(0);
                        if (next == null) {
                            return false;
                        }
                        chunk = next;
                        position = 0;
                        return true;
                    }
                    if (status == JobStatus.CANCELED) {
                        throw new WeirException(ErrorCode.QUERY_CANCELED, "Job " + jobId + " was cancelled");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while waiting for rows of job " + jobId, e);
            }
        }

        private void checkFailure() {
            if (failure.get() != null) {
                throw failureAsWeir();
            }
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return chunk.get(position++);
        }

        @Override
        public void close() {
            resultsClosed = true;
            cancel();
            if (results != null) {
                results.clear();
            }
        }
    }
}
