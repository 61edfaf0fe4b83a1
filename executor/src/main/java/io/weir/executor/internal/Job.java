package io.weir.executor.internal;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.ExecutorConfig;
import io.weir.executor.JobStatus;
import io.weir.executor.VertexMetrics;
import io.weir.executor.cluster.CheckpointAcknowledgement;
import io.weir.executor.cluster.Deployment;
import io.weir.executor.cluster.FragmentListener;
import io.weir.executor.cluster.Placement;
import io.weir.executor.codegen.UserCode;
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
import io.weir.executor.plan.Vertex;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The fragment of one execution of a job that runs on this worker: the operator factories, input
 * gates and subtask runners of the subtasks its {@link Placement} puts here, wired to local gates or
 * to remote channels for consumers elsewhere. The fragment runs its subtasks and reports to the job
 * master through a {@link FragmentListener}: checkpoint acknowledgements (with what its sinks staged),
 * each subtask's end, and its own end. The master decides when the job is complete, triggers and
 * completes checkpoints, and commits the sinks' output; the fragment only stages it. The first error
 * of a subtask fails the fragment; a cancel stops it; either way its sinks remove what they staged,
 * every operator is closed, every queued batch released and the fragment's allocator closed before
 * it reports its end. Thread-safe.
 */
public final class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    private final String jobId;
    private final String executionId;
    private final String workerId;
    private final JobGraph graph;
    private final Placement placement;
    private final ExecutorConfig config;
    private final BufferAllocator allocator;
    private final FragmentListener listener;
    private final Consumer<Job> onEnd;
    private final Map<Integer, OperatorFactory> factories = new HashMap<>();
    private final Map<Integer, LongAdder> rowsIn = new LinkedHashMap<>();
    private final Map<Integer, LongAdder> rowsOut = new LinkedHashMap<>();
    private final Map<Integer, LongAdder> lateRowsDropped = new LinkedHashMap<>();
    private final Map<String, InputGate> gates = new HashMap<>();
    private final List<InputGate> allGates = new ArrayList<>();
    private final List<SubtaskRunner> runners = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    // time producers of this fragment spent handing batches downstream (waiting for room included)
    private final LongAdder sendingNanos = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Cancellation cancellation = () -> Job.this.stopping;
    // acknowledgements of this fragment's subtasks per checkpoint, to know which one is the last
    private final Map<Long, Integer> acks = new java.util.concurrent.ConcurrentHashMap<>();
    private ResultQueue results;
    private final Map<String, io.weir.executor.WatermarkInfo> watermarks = new java.util.concurrent.ConcurrentHashMap<>();
    private final CheckpointData restored;
    private io.weir.executor.state.StateBackendFactory stateBackends = io.weir.executor.state.StateBackendFactory.HEAP;
    private volatile long triggered;
    private volatile long completedCheckpoint;
    private volatile boolean stopping;
    private volatile boolean cancelRequested;
    /** The class loader of the graph's user-defined functions, closed when the fragment ends. */
    private final UserCode userCode;
    private volatile boolean completed;
    private volatile JobStatus status = JobStatus.RUNNING;

    private Job(Deployment deployment, String workerId, ExecutorConfig config, BufferAllocator allocator,
            FragmentListener listener, Consumer<Job> onEnd) {
        this.userCode = UserCode.open(deployment.graph().functionJars());
        this.jobId = deployment.jobId();
        this.executionId = deployment.executionId();
        this.workerId = requireNonNull(workerId, "workerId is null");
        this.graph = deployment.graph();
        this.placement = deployment.placement();
        this.restored = deployment.restored();
        this.config = requireNonNull(config, "config is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.onEnd = requireNonNull(onEnd, "onEnd is null");
        long last = restored == null ? 0 : restored.id();
        this.triggered = last;
        this.completedCheckpoint = last;
        for (Vertex vertex : graph.vertices()) {
            rowsIn.put(vertex.id(), new LongAdder());
            rowsOut.put(vertex.id(), new LongAdder());
            lateRowsDropped.put(vertex.id(), new LongAdder());
        }
    }

    /**
     * Builds this worker's fragment of {@code deployment} without starting it: its gates can take
     * batches from other workers at once. Errors while building (an unknown connector, an expression
     * that cannot compile) are thrown, after everything built so far was released.
     */
    public static Job deploy(Deployment deployment, String workerId, ExecutorConfig config, ConnectorRegistry connectors,
            BufferAllocator allocator, RemoteChannels remote, FragmentListener listener, Consumer<Job> onEnd) {
        Job job = new Job(deployment, workerId, config, allocator, listener, onEnd);
        try {
            job.build(connectors, remote);
        } catch (Throwable e) {
            job.allGates.forEach(InputGate::close);
            job.userCode.close();
            try {
                allocator.close();
            } catch (RuntimeException ignored) {
                // the build failed; what it allocated is reported by the allocator's own leak check
            }
            throw e instanceof WeirException weir ? weir
                    : new WeirException(ErrorCode.INTERNAL_ERROR, "internal error while starting job " + job.jobId + ": " + e, e);
        }
        return job;
    }

    /** Starts the fragment's subtasks on {@code threads}; a fragment with none ends at once. */
    public void start(ExecutorService threads) {
        if (runners.isEmpty()) {
            end();
            return;
        }
        running.set(runners.size());
        for (SubtaskRunner runner : runners) {
            try {
                threads.execute(runner);
            } catch (RuntimeException e) {
                subtaskEnded(runner, new WeirException(ErrorCode.INSUFFICIENT_RESOURCES,
                        "Cannot start a thread for job " + jobId + ": " + e.getMessage(), e));
            }
        }
    }

    /** The gate of a local consumer subtask, for envelopes from other workers; null when not here. */
    public InputGate gate(int headVertex, int subtask) {
        return gates.get(CheckpointData.taskKey(headVertex, subtask));
    }

    /** The row type of input {@code input} of vertex {@code vertexId}. */
    public RowType inputType(int vertexId, int input) {
        for (Edge edge : graph.inputsOf(vertexId)) {
            if (edge.targetInput() == input) {
                return graph.vertex(edge.source()).outputType();
            }
        }
        throw new IllegalArgumentException("vertex " + vertexId + " has no input " + input);
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    public String executionId() {
        return executionId;
    }

    /** The collect vertex's queue when this fragment runs it; null otherwise. */
    public ResultQueue resultQueue() {
        return results;
    }

    private void build(ConnectorRegistry connectors, RemoteChannels remote) {
        stateBackends = io.weir.executor.state.StateBackends.factory(graph.config(), config.stateDirectory(), jobId,
                Checkpointing.directory(graph.config(), jobId));
        List<List<Vertex>> chains = Chains.of(graph);
        java.util.Set<Integer> localVertices = new java.util.HashSet<>();
        for (List<Vertex> chain : chains) {
            Vertex head = chain.get(0);
            for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                if (workerId.equals(placement.workerOf(head.id(), subtask))) {
                    chain.forEach(v -> localVertices.add(v.id()));
                }
            }
        }
        for (Vertex vertex : graph.vertices()) {
            if (!localVertices.contains(vertex.id())) {
                continue;
            }
            OperatorFactory factory = userCode.during(() -> OperatorFactories.create(vertex, graph, connectors));
            factories.put(vertex.id(), factory);
            if (factory instanceof CollectOperatorFactory collect) {
                if (results != null) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: a job graph has two collect vertices");
                }
                results = collect.queue();
            }
        }
        for (List<Vertex> chain : chains) {
            Vertex head = chain.get(0);
            List<Edge> inputs = graph.inputsOf(head.id());
            if (inputs.isEmpty()) {
                continue;
            }
            for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                if (isLocal(head, subtask)) {
                    InputGate gate = new InputGate(expectedEnds(inputs, subtask));
                    gates.put(CheckpointData.taskKey(head.id(), subtask), gate);
                    allGates.add(gate);
                }
            }
        }
        for (List<Vertex> chain : chains) {
            Vertex head = chain.get(0);
            Vertex tail = chain.get(chain.size() - 1);
            for (int subtask = 0; subtask < head.parallelism(); subtask++) {
                if (isLocal(head, subtask)) {
                    runners.add(new SubtaskRunner(this, chain, subtask, gates.get(CheckpointData.taskKey(head.id(), subtask)),
                            tailOutput(tail, subtask, remote)));
                }
            }
        }
        LOG.debug("Job {} fragment on {} runs {} subtasks; graph:\n{}", jobId, workerId, runners.size(), graph.describe());
    }

    private boolean isLocal(Vertex head, int subtask) {
        return workerId.equals(placement.workerOf(head.id(), subtask));
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

    private Output tailOutput(Vertex tail, int subtask, RemoteChannels remote) {
        List<Output> outputs = new ArrayList<>();
        for (Edge edge : graph.outputsOf(tail.id())) {
            Vertex consumer = graph.vertex(edge.target());
            long channel = ExchangeOutput.channelId(edge, subtask);
            List<ChannelTarget> targets = new ArrayList<>();
            for (int target = 0; target < consumer.parallelism(); target++) {
                String worker = placement.workerOf(consumer.id(), target);
                if (worker.equals(workerId)) {
                    InputGate gate = gates.get(CheckpointData.taskKey(consumer.id(), target));
                    if (gate == null) {
                        throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: edge " + edge + " leads nowhere");
                    }
                    targets.add(new TimedTarget(gate, sendingNanos));
                } else {
                    targets.add(new TimedTarget(remote.open(placement.dataAddresses().get(worker), executionId, consumer.id(),
                            target, channel), sendingNanos));
                }
            }
            outputs.add(new ExchangeOutput(edge, subtask, targets, tail.outputType(), allocator, cancellation));
        }
        if (outputs.isEmpty()) {
            return CountingOutput.discarding();
        }
        return outputs.size() == 1 ? outputs.get(0) : new FanOutOutput(outputs, allocator);
    }

    /** Where the checkpoints of job {@code jobId} of {@code graph} go. */
    public static io.weir.executor.state.CheckpointDirectory checkpointDirectory(String jobId, JobGraph graph) {
        return Checkpointing.directory(graph.config(), jobId);
    }

    // ---- from the job master

    /** Sources take checkpoint {@code checkpointId} and emit its barrier. */
    public void triggerCheckpoint(long checkpointId) {
        if (checkpointId > triggered) {
            triggered = checkpointId;
        }
    }

    /** Checkpoint {@code checkpointId} completed. */
    public void checkpointCompleted(long checkpointId) {
        if (checkpointId > completedCheckpoint) {
            completedCheckpoint = checkpointId;
        }
    }

    /** The job completed: the subtasks still running (an unbounded source under a LIMIT) stop quietly. */
    public void finish() {
        if (!status.isTerminal()) {
            completed = true;
            stopAll();
        }
    }

    /** Stops the fragment; what its sinks staged is removed. */
    public void cancel() {
        if (status.isTerminal() || completed || failure.get() != null) {
            return;
        }
        cancelRequested = true;
        stopAll();
    }

    public JobStatus status() {
        return status;
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** How many of the fragment's subtasks still run. */
    public int runningSubtasks() {
        return running.get();
    }

    /** The fragment's counters now. */
    public io.weir.executor.cluster.FragmentMetrics metrics() {
        Map<Integer, VertexMetrics> vertices = new LinkedHashMap<>();
        for (Integer id : factories.keySet()) {
            vertices.put(id, new VertexMetrics(rowsIn.get(id).sum(), rowsOut.get(id).sum(), lateRowsDropped.get(id).sum()));
        }
        List<io.weir.executor.WatermarkInfo> list = new ArrayList<>(watermarks.values());
        list.sort(java.util.Comparator.comparing(io.weir.executor.WatermarkInfo::vertex)
                .thenComparingInt(io.weir.executor.WatermarkInfo::subtask));
        return new io.weir.executor.cluster.FragmentMetrics(vertices, list, running.get(),
                TimeUnit.NANOSECONDS.toMillis(sendingNanos.sum()), System.currentTimeMillis());
    }

    // ---- used by subtask runners

    void recordWatermark(String chain, int subtask, long watermark, String status) {
        watermarks.put(chain + "/" + subtask, new io.weir.executor.WatermarkInfo(chain, subtask,
                watermark == Long.MIN_VALUE ? null : watermark, status));
    }

    /** The newest checkpoint whose barrier sources should emit; 0 when none. */
    long triggeredCheckpoint() {
        return triggered;
    }

    /** The first checkpoint id of this run: barriers below it belong to the run the job resumed from. */
    long firstCheckpoint() {
        return restored == null ? 1 : restored.id() + 1;
    }

    /** The newest checkpoint that completed; 0 when none (sources confirm their input up to it). */
    long completedCheckpoint() {
        return completedCheckpoint;
    }

    void acknowledge(long checkpointId, String taskKey, Map<Integer, Map<Integer, byte[]>> states, long alignmentNanos) {
        int acknowledged = acks.merge(checkpointId, 1, Integer::sum);
        Map<Integer, List<io.weir.spi.connector.Committable>> staged = Map.of();
        if (acknowledged == runners.size()) {
            // with concurrent checkpoints an older one may still collect its acknowledgements: only
            // forget counts far behind (checkpoints that expired)
            acks.remove(checkpointId);
            acks.keySet().removeIf(id -> id < checkpointId - 64);
            // the fragment's last acknowledgement carries what its sinks staged up to this checkpoint
            staged = new HashMap<>();
            for (Map.Entry<Integer, OperatorFactory> entry : factories.entrySet()) {
                if (entry.getValue() instanceof SinkOperatorFactory sink) {
                    staged.put(entry.getKey(), sink.takeStaged(checkpointId));
                }
            }
        }
        listener.acknowledged(executionId, workerId, new CheckpointAcknowledgement(checkpointId, taskKey, states, staged,
                alignmentNanos));
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

    public String jobId() {
        return jobId;
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
        boolean normal = error == null || error instanceof CancelledException;
        if (!normal) {
            if (!stopping) {
                fail(Failures.of(runner.head(), error));
            } else {
                LOG.debug("Job {}: error in {} while stopping", jobId, runner.head().name(), error);
            }
        }
        boolean terminal = error == null && graph.outputsOf(runner.tail().id()).isEmpty() && !stopping;
        listener.subtaskEnded(executionId, workerId, CheckpointData.taskKey(runner.head().id(), runner.subtask()),
                terminal);
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

    /** Runs once, on the last subtask's thread (or the starter's when nothing started). */
    private void end() {
        io.weir.executor.cluster.FragmentResult result;
        if (failure.get() != null) {
            abortSinks();
            result = io.weir.executor.cluster.FragmentResult.failed(failure.get(), metrics());
        } else if (cancelRequested && !completed) {
            abortSinks();
            result = new io.weir.executor.cluster.FragmentResult(JobStatus.CANCELED, null, null, Map.of(), metrics());
        } else {
            Map<Integer, List<io.weir.spi.connector.Committable>> committables = new HashMap<>();
            factories.forEach((vertexId, factory) -> {
                if (factory instanceof SinkOperatorFactory sink) {
                    committables.put(vertexId, sink.takeAll());
                }
            });
            result = new io.weir.executor.cluster.FragmentResult(JobStatus.FINISHED, null, null, committables, metrics());
        }
        for (InputGate gate : allGates) {
            gate.close();
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
        userCode.close();
        status = result.status();
        LOG.debug("Job {} fragment on {} ended: {}", jobId, workerId, status);
        terminated.countDown();
        onEnd.accept(this);
        listener.fragmentEnded(executionId, workerId, result);
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
}
