package io.weir.executor.internal;

import io.weir.executor.operator.GeneratingOperator;
import io.weir.executor.operator.Operator;
import io.weir.executor.operator.Output;
import io.weir.executor.operator.TaskContext;
import io.weir.executor.plan.Vertex;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread's work: subtask {@code subtask} of a chain of vertices. Creates the chain's operators (on
 * this thread, tail first so each has its output), feeds the head from its {@link InputGate} (or lets a
 * generating head produce), finishes the chain at the end of input, and always closes every operator.
 */
final class SubtaskRunner implements Runnable {
    private final Job job;
    private final List<Vertex> chain;
    private final int subtask;
    private final InputGate gate;
    private final Output tailOutput;
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
            Output output = new CountingOutput(tailOutput, job.rowsOut(tail().id()));
            for (int i = chain.size() - 1; i >= 0; i--) {
                Vertex vertex = chain.get(i);
                TaskContext context = job.taskContext(vertex, subtask);
                Operator operator = job.factory(vertex.id()).create(context, output);
                operators.add(0, operator);
                if (i > 0) {
                    output = new ChainedOutput(operator, output, vertex, job.rowsOut(chain.get(i - 1).id()),
                            job.rowsIn(vertex.id()));
                } else {
                    headOutput = output;
                }
            }
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

    private void runChain(List<Operator> operators, Output headOutput) {
        Operator head = operators.get(0);
        if (head instanceof GeneratingOperator generating) {
            while (true) {
                job.cancellation().check();
                if (anyFinished(operators)) {
                    return;
                }
                if (!generating.emitNext()) {
                    break;
                }
            }
        } else {
            int ends = 0;
            WatermarkTracker watermarks = new WatermarkTracker(gate.expectedEnds());
            while (ends < gate.expectedEnds()) {
                if (anyFinished(operators)) {
                    return;
                }
                InputGate.Envelope envelope = gate.take(job.cancellation());
                if (envelope.kind() != InputGate.Kind.BATCH) {
                    boolean advanced = switch (envelope.kind()) {
                        case END -> {
                            ends++;
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
                    continue;
                }
                job.rowsIn(head().id()).add(envelope.batch().getRowCount());
                head.process(envelope.input(), envelope.batch());
            }
        }
        if (!anyFinished(operators)) {
            head.finish();
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
