package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.Vertex;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A source subtask reading several splits of a scripted source: per-split watermarks combined as
 * their minimum, idle and finished splits left out, and each split's watermark carried through a
 * checkpoint, also to another parallelism.
 */
class SourceOperatorTest {
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final RowType ROW = new RowType(List.of(new Field("ts", TIMESTAMP)));
    private static final Expr TS = new Expr.InputRef(0, TIMESTAMP);
    private static final Class<? extends CalcProgram> PROGRAM = CalcCompiler.compile(ROW, List.of(TS), null,
            WatermarkGenerator.RESULT_TYPE);

    private final BufferAllocator allocator = new RootAllocator();
    private final AtomicLong clock = new AtomicLong(1000);

    @AfterEach
    void close() {
        allocator.close();
    }

    /** What the operator emitted: rows as {@code row <ts>}, watermarks as {@code wm <ts>}, and {@code idle}. */
    private final class Recorder implements Output {
        final List<String> events = new ArrayList<>();
        boolean finished;

        @Override
        public void emit(VectorSchemaRoot batch) {
            try (batch) {
                TimeStampVector ts = (TimeStampVector) batch.getVector(0);
                for (int r = 0; r < batch.getRowCount(); r++) {
                    events.add("row " + ts.get(r));
                }
            }
        }

        @Override
        public void emitWatermark(long watermark) {
            events.add("wm " + watermark);
        }

        @Override
        public void markIdle() {
            events.add("idle");
        }

        @Override
        public void finish() {
            finished = true;
        }

        List<Long> watermarks() {
            return events.stream().filter(e -> e.startsWith("wm ")).map(e -> Long.parseLong(e.substring(3))).toList();
        }
    }

    private SourceOperator operator(ScriptedSource source, List<SourceSplit> splits, int subtask, int parallelism,
            long idleTimeout, Output output) {
        Vertex vertex = new Vertex(1, "source", parallelism, new CollectSpec(), ROW);
        TaskContext context = new TaskContext("job", vertex, subtask, List.of(), allocator, 2, () -> false);
        WatermarkSpec spec = new WatermarkSpec(0, TS, true, 200, idleTimeout);
        return new SourceOperator(source, splits, context, output, spec, PROGRAM, clock::get);
    }

    private static void runToEnd(SourceOperator operator) {
        while (operator.emitNext()) {
            // reads on
        }
        operator.finish();
    }

    /**
     * The assertion that fails with one watermark over all the rows a subtask reads: no row comes at
     * or behind a watermark emitted before it (so a window aggregation downstream drops none as late).
     */
    private static void assertNoRowIsLate(List<String> events) {
        long watermark = Long.MIN_VALUE;
        for (String event : events) {
            long value = Long.parseLong(event.substring(event.indexOf(' ') + 1));
            if (event.startsWith("wm ")) {
                assertThat(value).as("watermarks increase: %s", events).isGreaterThan(watermark);
                watermark = value;
            } else {
                assertThat(value).as("row after the watermark: %s", events).isGreaterThan(watermark);
            }
        }
    }

    @Test
    void aSplitFarAheadDoesNotMakeTheOtherSplitsRowsLateAndAFinishedSplitNoLongerHoldsTheWatermark() {
        List<Long> ahead = LongStream.range(0, 12).map(i -> 1_000_000 + i).boxed().toList();
        List<Long> behind = LongStream.range(0, 6).map(i -> 10 + i).boxed().toList();
        ScriptedSource source = new ScriptedSource(true);
        List<SourceSplit> splits = List.of(ScriptedSplit.of("ahead", ahead), ScriptedSplit.of("behind", behind));
        Recorder out = new Recorder();
        SourceOperator operator = operator(source, splits, 0, 1, 0, out);
        runToEnd(operator);
        operator.close();

        assertNoRowIsLate(out.events);
        assertThat(out.events.stream().filter(e -> e.startsWith("row ")).map(e -> Long.parseLong(e.substring(4))))
                .containsExactlyInAnyOrderElementsOf(concat(ahead, behind));
        // once the behind split has ended, the one ahead alone moves the watermark, before its own end
        assertThat(out.watermarks()).contains(1_000_011L).endsWith(Long.MAX_VALUE);
        assertThat(out.finished).isTrue();
    }

    @Test
    void anIdleSplitStopsHoldingTheWatermarkBackAfterTheIdleTimeout() {
        List<List<Long>> busySteps = new ArrayList<>();
        for (long t = 100; t < 120; t++) {
            busySteps.add(List.of(t));
        }
        ScriptedSource source = new ScriptedSource(false);
        List<SourceSplit> splits = List.of(new ScriptedSplit("busy", busySteps), new ScriptedSplit("silent", List.of()));
        Recorder out = new Recorder();
        SourceOperator operator = operator(source, splits, 0, 1, 50, out);
        for (int i = 0; i < 8; i++) {
            operator.emitNext();
            clock.addAndGet(5);
        }
        assertThat(out.watermarks()).as("the silent split holds the watermark back within its idle timeout").isEmpty();
        while (clock.get() < 1060) {
            operator.emitNext();
            clock.addAndGet(5);
        }
        operator.emitNext();
        operator.emitNext();
        List<Long> watermarks = out.watermarks();
        assertThat(watermarks).as(out.events.toString()).isNotEmpty();
        long lastRow = out.events.stream().filter(e -> e.startsWith("row ")).mapToLong(e -> Long.parseLong(e.substring(4)))
                .max().orElseThrow();
        assertThat(watermarks.get(watermarks.size() - 1)).isEqualTo(lastRow);
        assertThat(out.events).as("the busy split keeps the subtask active").doesNotContain("idle");
        operator.close();
    }

    @Test
    void eachSplitsWatermarkResumesFromACheckpointAtTheSameAndAnotherParallelism() {
        ScriptedSource source = new ScriptedSource(true);
        List<SourceSplit> splits = List.of(
                new ScriptedSplit("a", List.of(List.of(500L, 501L), List.of(502L, 503L), List.of(504L, 505L))),
                new ScriptedSplit("b", List.of(List.of(50L, 51L), List.of(52L, 53L), List.of(54L, 55L))));
        Recorder before = new Recorder();
        SourceOperator first = operator(source, splits, 0, 1, 0, before);
        for (int i = 0; i < 4; i++) {
            first.emitNext();
        }
        byte[] state = first.snapshotState(1).get(CheckpointedOperator.OPERATOR_STATE);
        first.close();
        assertThat(before.watermarks()).last().isEqualTo(53L);

        Recorder same = new Recorder();
        SourceOperator resumed = operator(source, List.of(), 0, 1, 0, same);
        resumed.restoreState(Map.of(), List.of(state));
        runToEnd(resumed);
        resumed.close();
        assertThat(same.events).first().isEqualTo("wm 53");
        assertThat(same.events).containsSubsequence("row 54", "row 55").containsSubsequence("row 504", "row 505")
                .doesNotContain("row 53", "row 503");
        assertNoRowIsLate(same.events);

        // at parallelism 2 split a goes to subtask 0, split b to subtask 1, each with its own watermark
        Recorder zero = new Recorder();
        Recorder one = new Recorder();
        SourceOperator subtask0 = operator(source, List.of(), 0, 2, 0, zero);
        SourceOperator subtask1 = operator(source, List.of(), 1, 2, 0, one);
        subtask0.restoreState(Map.of(), List.of(state));
        subtask1.restoreState(Map.of(), List.of(state));
        runToEnd(subtask0);
        runToEnd(subtask1);
        subtask0.close();
        subtask1.close();
        assertThat(zero.events).containsExactly("wm 503", "row 504", "wm 504", "row 505", "wm 505", "wm " + Long.MAX_VALUE);
        assertThat(one.events).containsExactly("wm 53", "row 54", "wm 54", "row 55", "wm 55", "wm " + Long.MAX_VALUE);
    }

    @Test
    void aCheckpointWrittenBeforePerSplitWatermarksRestoresItsSplitsWithoutWatermarks() throws Exception {
        ScriptedSource source = new ScriptedSource(true);
        List<SourceSplit> splits = List.of(new ScriptedSplit("a", List.of(List.of(500L), List.of(501L))),
                new ScriptedSplit("b", List.of(List.of(50L))));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream old = new java.io.ObjectOutputStream(bytes)) {
            old.writeObject(new ArrayList<>(splits));
            old.writeObject(new ArrayList<>(java.util.Arrays.asList(ByteBuffer.allocate(4).putInt(1).array(), null)));
        }
        Recorder out = new Recorder();
        SourceOperator resumed = operator(source, List.of(), 0, 1, 0, out);
        resumed.restoreState(Map.of(), List.of(bytes.toByteArray()));
        runToEnd(resumed);
        resumed.close();
        assertThat(out.events).containsExactly("row 501", "row 50", "wm 50", "wm " + Long.MAX_VALUE);
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A split whose reader adds one step's rows per read; an empty step reads as nothing available. */
    private record ScriptedSplit(String splitId, List<List<Long>> steps) implements SourceSplit {
        /** The rows in steps of two. */
        static ScriptedSplit of(String id, List<Long> rows) {
            List<List<Long>> steps = new ArrayList<>();
            for (int i = 0; i < rows.size(); i += 2) {
                steps.add(rows.subList(i, Math.min(rows.size(), i + 2)));
            }
            return new ScriptedSplit(id, List.copyOf(steps));
        }
    }

    /**
     * Reads scripted splits; after its last step a split ends (bounded) or has nothing available
     * forever. A reader's position is the index of its next step.
     */
    private record ScriptedSource(boolean bounded) implements TableSource {
        @Override
        public boolean isBounded() {
            return bounded;
        }

        @Override
        public List<SourceSplit> planSplits(int parallelism) {
            throw new UnsupportedOperationException("the test hands the splits to the operator");
        }

        @Override
        public SourceReader createReader(SourceSplit split, ReaderContext context) {
            List<List<Long>> steps = ((ScriptedSplit) split).steps();
            int start = context.isRestored() ? ByteBuffer.wrap(context.restoredPosition()).getInt() : 0;
            return new SourceReader() {
                private int next = start;

                @Override
                public ReadStatus read(BatchBuilder out) {
                    if (next >= steps.size()) {
                        return bounded ? ReadStatus.END : ReadStatus.NOTHING_AVAILABLE;
                    }
                    List<Long> rows = steps.get(next++);
                    for (Long row : rows) {
                        out.append(new Object[] {row});
                    }
                    return rows.isEmpty() ? ReadStatus.NOTHING_AVAILABLE : ReadStatus.MORE;
                }

                @Override
                public byte[] snapshotPosition(long checkpointId) {
                    return ByteBuffer.allocate(4).putInt(next).array();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
