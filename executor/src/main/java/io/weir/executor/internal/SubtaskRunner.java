package io.weir.executor.internal;

import io.weir.executor.operator.CheckpointedOperator;
import io.weir.executor.operator.GeneratingOperator;
import io.weir.executor.operator.Operator;
import io.weir.executor.operator.Output;
import io.weir.executor.operator.ProcessingClock;
import io.weir.executor.operator.TaskContext;
import io.weir.executor.plan.Vertex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thread's work: subtask {@code subtask} of a chain of vertices. Creates the chain's operators (on
 * this thread, tail first so each has its output), feeds the head from its {@link InputGate} (or lets a
 * generating head produce), finishes the chain at the end of input, and always closes every operator.
 */
final class SubtaskRunner implements Runnable {
    /** How often, at most, the chain's operators are told the processing time (fire processing-time timers). */
    static final long PROCESSING_TIME_TICK_MILLIS = 100;

    private final Job job;
    private final List<Vertex> chain;
    private final int subtask;
    private final InputGate gate;
    private final Output tailOutput;
    private final Snapshots snapshots = new Snapshots();
    private long lastBarrier;
    private long lastNotified;
    private long nextProcessingTime;
    // @GuardedBy("this")
    private Thread thread;

    SubtaskRunner(Job job, List<Vertex> chain, int subtask, InputGate gate, Output tailOutput) {
        this.job = job;
        this.chain = List.copyOf(chain);
        this.subtask = subtask;
        this.gate = gate;
        this.tailOutput = tailOutput;
    }

    Vertex head() {
        return chain.get(0);
    }

    int subtask() {
        return subtask;
    }

    Vertex tail() {
        return chain.get(chain.size() - 1);
    }

    @Override
    public void run() {
        Thread current = Thread.currentThread();
        String idleName = current.getName();
        current.setName("weir-task-" + job.jobId() + "-" + head().id() + "-" + subtask);
        synchronized (this) {
            thread = current;
        }
        Throwable error = null;
        List<Operator> operators = new ArrayList<>();
        Output headOutput = null;
        try {
            job.cancellation().check();
            Output output = new CountingOutput(gate == null ? recordingWatermarks(tailOutput) : tailOutput,
                    job.rowsOut(tail().id()));
            for (int i = chain.size() - 1; i >= 0; i--) {
                Vertex vertex = chain.get(i);
                TaskContext context = job.taskContext(vertex, subtask);
                Operator operator = job.factory(vertex.id()).create(context, output);
                operators.add(0, operator);
                if (i > 0) {
                    output = new ChainedOutput(operator, output, vertex, job.rowsOut(chain.get(i - 1).id()),
                            job.rowsIn(vertex.id()), snapshots);
                } else {
                    headOutput = output;
                }
            }
            restore(operators);
            runChain(operators, headOutput);
        } catch (Throwable e) {
            error = e;
        } finally {
            error = closeAll(operators, error);
            if (gate != null) {
                gate.close();
            }
            synchronized (this) {
                thread = null;
            }
            Thread.interrupted();
            current.setName(idleName);
        }
        job.subtaskEnded(this, error);
    }

    /** The chain as SHOW WATERMARKS names it: its first vertex, and its last when there are several. */
    private String chainName() {
        return chain.size() == 1 ? head().name() : head().name() + " -> " + tail().name();
    }

    /** A source chain's output that records each watermark the chain emits, for SHOW WATERMARKS. */
    private Output recordingWatermarks(Output delegate) {
        return new Output() {
            @Override
            public void emit(org.apache.arrow.vector.VectorSchemaRoot batch) {
                delegate.emit(batch);
            }

            @Override
            public void emitWatermark(long watermark) {
                job.recordWatermark(chainName(), subtask, watermark, "generated from the rows read");
                delegate.emitWatermark(watermark);
            }

            @Override
            public void markIdle() {
                job.recordWatermark(chainName(), subtask, Long.MIN_VALUE, "idle: no rows for the idle timeout");
                delegate.markIdle();
            }

            @Override
            public void emitBarrier(long checkpointId) {
                delegate.emitBarrier(checkpointId);
            }

            @Override
            public void finish() {
                delegate.finish();
            }
        };
    }

    /**
     * Gives each operator of the chain its part of the state stored in the checkpoint the job resumes
     * from: the key groups this subtask owns now and its operator state, whatever the parallelism then.
     */
    private void restore(List<Operator> operators) {
        for (int i = 0; i < chain.size(); i++) {
            if (operators.get(i) instanceof CheckpointedOperator checkpointed) {
                Vertex vertex = chain.get(i);
                CheckpointData.Restored state = job.restoredState(vertex.id(), subtask, vertex.parallelism(),
                        checkpointed.sharesOperatorState());
                if (state != null) {
                    checkpointed.restoreState(state.keyed(), state.operatorState());
                }
            }
        }
    }

    /**
     * Snapshots the head, sends barrier {@code checkpointId} down the chain (each operator snapshots),
     * and acknowledges once the snapshots' files are stored (at once for heap state; a RocksDB upload
     * finishes in the background while the chain goes on).
     */
    private void barrier(Operator head, Output headOutput, long checkpointId) {
        barrier(head, headOutput, checkpointId, 0);
    }

    private void barrier(Operator head, Output headOutput, long checkpointId, long alignmentNanos) {
        snapshots.take(head(), head, checkpointId);
        headOutput.emitBarrier(checkpointId);
        lastBarrier = checkpointId;
        Map<Integer, Map<Integer, byte[]>> states = snapshots.drain();
        String taskKey = CheckpointData.taskKey(head().id(), subtask);
        snapshots.drainStored().whenComplete((done, error) -> {
            if (error == null) {
                job.acknowledge(checkpointId, taskKey, states, alignmentNanos);
            } else {
                org.slf4j.LoggerFactory.getLogger(SubtaskRunner.class).warn("Checkpoint {} of job {}: storing the state "
                        + "of {} failed: {}", checkpointId, job.jobId(), chainName(), error.getMessage());
            }
        });
    }

    private void runChain(List<Operator> operators, Output headOutput) {
        Operator head = operators.get(0);
        if (head instanceof GeneratingOperator generating) {
            while (true) {
                job.cancellation().check();
                if (anyFinished(operators)) {
                    return;
                }
                long triggered = job.triggeredCheckpoint();
                // with several concurrent checkpoints more than one may have been triggered since the last look
                for (long id = Math.max(lastBarrier + 1, job.firstCheckpoint()); id <= triggered; id++) {
                    barrier(head, headOutput, id);
                }
                notifyCompleted(operators);
                tickProcessingTime(operators);
                if (!generating.emitNext()) {
                    break;
                }
            }
        } else {
            runGate(operators, head, headOutput);
        }
        if (!anyFinished(operators)) {
            head.finish();
        }
    }

    /**
     * Feeds the head from its gate. Barriers are aligned: once a channel has delivered checkpoint n's
     * barrier, its later envelopes wait (buffered here) until every channel still open has delivered
     * it too; then the chain snapshots, the barrier moves on, and the buffered envelopes are processed.
     */
    private void runGate(List<Operator> operators, Operator head, Output headOutput) {
        int ends = 0;
        WatermarkTracker watermarks = new WatermarkTracker(gate.expectedEnds());
        Set<Long> ended = new HashSet<>();
        Set<Long> aligned = new HashSet<>();
        ArrayDeque<InputGate.Envelope> waiting = new ArrayDeque<>();
        ArrayDeque<InputGate.Envelope> replay = new ArrayDeque<>();
        long aligning = 0;
        long alignStart = 0;
        while (ends < gate.expectedEnds()) {
            if (anyFinished(operators)) {
                return;
            }
            // a short wait keeps cancellation prompt; the tick itself comes at most every PROCESSING_TIME_TICK_MILLIS
            InputGate.Envelope envelope = replay.isEmpty() ? gate.poll(job.cancellation(), 10) : replay.poll();
            tickProcessingTime(operators);
            if (envelope == null) {
                continue;
            }
            if (aligning != 0 && aligned.contains(envelope.channel())) {
                waiting.add(envelope);
                continue;
            }
            if (envelope.kind() == InputGate.Kind.BARRIER) {
                if (envelope.time() <= lastBarrier || envelope.time() < aligning) {
                    continue;
                }
                if (aligning != 0 && envelope.time() > aligning) {
                    // a newer checkpoint overtook the one being aligned (it expired): give that one up
                    replay.addAll(waiting);
                    waiting.clear();
                    aligned.clear();
                }
                if (aligned.isEmpty()) {
                    alignStart = System.nanoTime();
                }
                aligning = envelope.time();
                aligned.add(envelope.channel());
            } else if (envelope.kind() == InputGate.Kind.BATCH) {
                job.rowsIn(head().id()).add(envelope.batch().getRowCount());
                head.process(envelope.input(), envelope.batch());
            } else {
                boolean advanced = switch (envelope.kind()) {
                    case END -> {
                        ends++;
                        ended.add(envelope.channel());
                        yield watermarks.onEnd(envelope.channel());
                    }
                    case IDLE -> watermarks.onIdle(envelope.channel());
                    default -> watermarks.onWatermark(envelope.channel(), envelope.time());
                };
                if (advanced && head.processWatermark(watermarks.current())) {
                    headOutput.emitWatermark(watermarks.current());
                } else if (envelope.kind() == InputGate.Kind.IDLE && watermarks.allIdle()) {
                    headOutput.markIdle();
                }
                job.recordWatermark(chainName(), subtask, watermarks.current(), watermarks.status());
            }
            if (aligning != 0 && aligned.size() + ended.size() >= gate.expectedEnds()) {
                barrier(head, headOutput, aligning, System.nanoTime() - alignStart);
                aligning = 0;
                aligned.clear();
                replay.addAll(waiting);
                waiting.clear();
            }
        }
    }

    /**
     * Tells each operator of the chain the wall-clock time, at most every
     * {@link #PROCESSING_TIME_TICK_MILLIS}, so that processing-time timers (state TTL) fire also
     * while no input arrives.
     */
    private void tickProcessingTime(List<Operator> operators) {
        long now = ProcessingClock.SYSTEM.now();
        if (now < nextProcessingTime) {
            return;
        }
        nextProcessingTime = now + PROCESSING_TIME_TICK_MILLIS;
        for (Operator operator : operators) {
            operator.onProcessingTime(now);
        }
    }

    /**
     * Tells the chain's operators, on this thread, about the newest completed checkpoint that this
     * subtask took part in, once: a CDC source confirms its LSN to PostgreSQL only then.
     */
    private void notifyCompleted(List<Operator> operators) {
        long completed = Math.min(job.completedCheckpoint(), lastBarrier);
        if (completed <= lastNotified) {
            return;
        }
        lastNotified = completed;
        for (Operator operator : operators) {
            if (operator instanceof CheckpointedOperator checkpointed) {
                checkpointed.notifyCheckpointComplete(completed);
            }
        }
    }

    private static boolean anyFinished(List<Operator> operators) {
        for (Operator operator : operators) {
            if (operator.isFinished()) {
                return true;
            }
        }
        return false;
    }

    private Throwable closeAll(List<Operator> operators, Throwable error) {
        for (int i = 0; i < operators.size(); i++) {
            try {
                operators.get(i).close();
            } catch (Throwable e) {
                if (error == null) {
                    error = Failures.of(chain.get(i), e);
                } else if (error != e) {
                    error.addSuppressed(e);
                }
            }
        }
        return error;
    }

    /** Interrupts this runner's thread if it is still running this runner (never another task on the pool thread). */
    synchronized void interrupt() {
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }
}
